using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Disks: -blockdev nodes and the disk devices.</summary>
internal sealed partial class CommandLineBuilder
{
    private Dictionary<DomainDevice, int> BootIndexes()
    {
        var result = new Dictionary<DomainDevice, int>(ReferenceEqualityComparer.Instance);
        if (def.Devices.Any(d => d.Info.BootOrder is not null))
        {
            foreach (var d in def.Devices)
            {
                if (d.Info.BootOrder is { } o)
                {
                    result[d] = o;
                }
            }

            return result;
        }

        var next = 1;
        foreach (var dev in def.Os.BootDevices)
        {
            DomainDevice? target = dev switch
            {
                "hd" => def.DevicesOf<DiskDevice>().FirstOrDefault(d => d.Device == "disk" && !result.ContainsKey(d)),
                "cdrom" => def.DevicesOf<DiskDevice>().FirstOrDefault(d => d.Device == "cdrom" && !result.ContainsKey(d)),
                "fd" => def.DevicesOf<DiskDevice>().FirstOrDefault(d => d.Device == "floppy" && !result.ContainsKey(d)),
                "network" => def.DevicesOf<GenericDevice>().FirstOrDefault(d => d.ElementName == "interface" && !result.ContainsKey(d)),
                _ => null,
            };
            if (target is not null)
            {
                result[target] = next++;
            }
        }

        return result;
    }

    private void BuildDisks()
    {
        var boot = BootIndexes();
        var disks = def.DevicesOf<DiskDevice>().ToList();
        for (var i = 0; i < disks.Count; i++)
        {
            var d = disks[i];
            var node = "libvirt-" + Num(disks.Count - i);
            var cache = CacheProps(d.DriverAttr("cache"));
            if (d.SourcePath is { } path)
            {
                var storage = new QemuProps()
                    .Str("driver", d.Type == "block" ? "host_device" : "file")
                    .Str("filename", path)
                    .Str("node-name", node + "-storage")
                    .Obj("cache", cache)
                    .Bool("auto-read-only", true)
                    .Str("discard", "unmap");
                Blockdev(storage);
                var format = new QemuProps()
                    .Str("node-name", node + "-format")
                    .Bool("read-only", d.ReadOnly)
                    .Obj("cache", cache)
                    .Str("driver", d.DriverAttr("type") ?? "raw")
                    .Str("file", node + "-storage");
                Blockdev(format);
            }

            var props = new QemuProps();
            var drive = d.SourcePath is null ? null : node + "-format";
            var writeCache = d.DriverAttr("cache") is "none" or "writeback" or "unsafe" or "directsync" ? (d.DriverAttr("cache") is "writeback" or "none" or "unsafe" ? "on" : "off") : null;
            switch (d.TargetBus)
            {
                case "virtio":
                    props.Str("driver", "virtio-blk" + VirtioSuffix(d.Info));
                    AddressProps(props, d.Info);
                    props.Str("drive", drive).Str("id", d.Info.Alias);
                    break;
                case "ide" or "sata":
                    props.Str("driver", d.Device == "cdrom" ? "ide-cd" : "ide-hd");
                    if (d.Info.Address is DriveAddress a)
                    {
                        var ctrl = def.DevicesOf<ControllerDevice>().FirstOrDefault(c => c.Type == d.TargetBus && c.Index == a.Controller);
                        var ctrlAlias = ctrl?.Info.Alias ?? (d.TargetBus == "ide" ? "ide" : "sata" + Num(a.Controller));
                        if (d.TargetBus == "ide")
                        {
                            props.Str("bus", ctrlAlias + "." + Num(a.Bus)).Num("unit", a.Unit);
                        }
                        else
                        {
                            props.Str("bus", ctrlAlias + "." + Num(a.Unit));
                        }
                    }

                    props.Str("drive", drive).Str("id", d.Info.Alias);
                    break;
                case "scsi":
                    props.Str("driver", d.Device == "cdrom" ? "scsi-cd" : "scsi-hd");
                    if (d.Info.Address is DriveAddress sa)
                    {
                        props.Str("bus", "scsi" + Num(sa.Controller) + ".0").Num("channel", sa.Bus).Num("scsi-id", sa.Target).Num("lun", sa.Unit);
                    }

                    props.Str("drive", drive).Str("id", d.Info.Alias);
                    break;
                case "usb":
                    props.Str("driver", "usb-storage");
                    AddressProps(props, d.Info);
                    props.Str("drive", drive).Str("id", d.Info.Alias);
                    break;
                default:
                    props.Str("driver", "floppy").Str("drive", drive).Str("id", d.Info.Alias);
                    break;
            }

            if (boot.TryGetValue(d, out var bi))
            {
                props.Num("bootindex", bi);
            }

            if (writeCache is not null)
            {
                props.Str("write-cache", writeCache);
            }

            Device(props);
        }
    }

    private static QemuProps? CacheProps(string? mode) => mode switch
    {
        "none" => new QemuProps().Bool("direct", true).Bool("no-flush", false),
        "writethrough" => new QemuProps().Bool("direct", false).Bool("no-flush", false),
        "writeback" => new QemuProps().Bool("direct", false).Bool("no-flush", false),
        "directsync" => new QemuProps().Bool("direct", true).Bool("no-flush", false),
        "unsafe" => new QemuProps().Bool("direct", false).Bool("no-flush", true),
        _ => null,
    };
}
