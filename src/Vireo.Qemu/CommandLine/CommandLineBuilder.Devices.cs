using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Controllers, disks, network, character devices, input, balloon, RNG.</summary>
internal sealed partial class CommandLineBuilder
{
    // libvirt USB controller model → QEMU device (from QEMU's hw/usb/hcd-*.c type names).
    private static string? UsbDevice(string? model) => model switch
    {
        "piix3-uhci" => "piix3-usb-uhci",
        "piix4-uhci" => "piix4-usb-uhci",
        "ehci" => "usb-ehci",
        "ich9-ehci1" => "ich9-usb-ehci1",
        "ich9-uhci1" => "ich9-usb-uhci1",
        "ich9-uhci2" => "ich9-usb-uhci2",
        "ich9-uhci3" => "ich9-usb-uhci3",
        "vt82c686b-uhci" => "vt82c686b-usb-uhci",
        "pci-ohci" => "pci-ohci",
        "nec-xhci" => "nec-usb-xhci",
        "qusb1" => "qusb1",
        "qusb2" => "qusb2",
        "qemu-xhci" => "qemu-xhci",
        _ => null,
    };

    /// <summary>Adds QEMU's bus/address properties for a device's address.</summary>
    private void AddressProps(QemuProps props, DeviceInfo info)
    {
        switch (info.Address)
        {
            case PciAddress a:
                props.Str("bus", PciBusAlias(a.Bus));
                if (a.Multifunction is { } mf)
                {
                    props.Bool("multifunction", mf);
                }

                props.Str("addr", a.QemuAddr);
                break;
            case UsbAddress u:
                props.Str("bus", UsbBusAlias(u.Bus) + ".0").Str("port", u.Port);
                break;
            case CcwAddress c:
                props.Str("devno", c.Cssid.ToString("x", CultureInfo.InvariantCulture) + "." + c.Ssid.ToString("x", CultureInfo.InvariantCulture) + "." + c.Devno.ToString("x4", CultureInfo.InvariantCulture));
                break;
            case VirtioSerialAddress v:
                props.Str("bus", "virtio-serial" + Num(v.Controller) + "." + Num(v.Bus)).Num("nr", v.Port);
                break;
            case SpaprVioAddress s:
                props.UNum("reg", s.Reg);
                break;
            default:
                break;
        }
    }

    private string PciBusAlias(int bus)
    {
        foreach (var c in def.DevicesOf<ControllerDevice>())
        {
            if (c.Type == "pci" && c.Index == bus)
            {
                return c.Info.Alias ?? DeviceAliases.ControllerAlias(c, p);
            }
        }

        return "pci." + Num(bus);
    }

    private string UsbBusAlias(int bus)
    {
        foreach (var c in def.DevicesOf<ControllerDevice>())
        {
            if (c.Type == "usb" && c.Index == bus)
            {
                return c.Info.Alias ?? "usb";
            }
        }

        return "usb";
    }

    /// <summary>"-pci", "-ccw" or "-device" suffix of a virtio device, from where it sits.</summary>
    private string VirtioSuffix(DeviceInfo info) => info.Address switch
    {
        CcwAddress => "-ccw",
        OtherAddress { Type: "virtio-mmio" } => "-device",
        _ when p.IsS390 => "-ccw",
        _ => "-pci",
    };

    private void VirtioOptionProps(QemuProps props, VirtioOptions v)
    {
        props.OnOff("iommu_platform", v.Iommu).OnOff("ats", v.Ats).OnOff("packed", v.Packed).OnOff("page-per-vq", v.PagePerVq);
    }

    private void BuildControllers()
    {
        string[] order = ["pci", "usb", "scsi", "ide", "sata", "virtio-serial"];
        foreach (var type in order)
        {
            foreach (var c in def.DevicesOf<ControllerDevice>().Where(c => c.Type == type))
            {
                BuildController(c);
            }
        }
    }

    private void BuildController(ControllerDevice c)
    {
        var props = new QemuProps();
        switch (c.Type)
        {
            case "pci":
                if (c.Model is "pci-root" or "pcie-root" or null)
                {
                    return;
                }

                props.Str("driver", c.ModelName ?? c.Model);
                switch (c.Model)
                {
                    case "pcie-root-port" or "pcie-switch-downstream-port":
                        props.Num("port", c.TargetPort).Num("chassis", c.TargetChassis);
                        break;
                    case "pci-bridge":
                        props.Num("chassis_nr", c.TargetChassisNr);
                        break;
                    default:
                        break;
                }

                props.Str("id", c.Info.Alias);
                break;
            case "usb":
                if (c.Model == "none")
                {
                    return;
                }

                if (c.Model is null)
                {
                    if (!p.IsX86)
                    {
                        throw DomainConfigException.Unsupported("no USB controller model is usable with this QEMU binary: set <controller type='usb' model='...'/> or model='none'");
                    }

                    Add("-usb");
                    return;
                }

                props.Str("driver", UsbDevice(c.Model) ?? c.Model);
                if (c.Model is "ich9-uhci1" or "ich9-uhci2" or "ich9-uhci3" && c.MasterStartPort is { } start)
                {
                    props.Str("masterbus", UsbBusAlias(c.Index) + ".0").Num("firstport", start);
                }
                else
                {
                    if (c.Model is "qemu-xhci" or "nec-xhci" && c.Ports is { } ports)
                    {
                        props.Num("p2", ports).Num("p3", ports);
                    }

                    props.Str("id", c.Info.Alias);
                }

                break;
            case "virtio-serial":
                props.Str("driver", "virtio-serial" + VirtioSuffix(c.Info)).Str("id", c.Info.Alias);
                foreach (var kv in c.Driver)
                {
                    _ = kv;
                }

                if (c.Ports is { } vports)
                {
                    props.Num("max_ports", vports);
                }

                if (c.Vectors is { } vectors)
                {
                    props.Num("vectors", vectors);
                }

                VirtioOptionProps(props, c.Virtio);
                break;
            case "ide":
                if (p.IsI440fx && c.Index == 0)
                {
                    return;
                }

                props.Str("driver", "piix3-ide").Str("id", c.Info.Alias);
                break;
            case "sata":
                if (p.IsQ35 && c.Index == 0)
                {
                    return;
                }

                props.Str("driver", "ich9-ahci").Str("id", c.Info.Alias);
                break;
            case "scsi":
                props.Str("driver", ScsiDevice(c)).Str("id", c.Info.Alias);
                break;
            default:
                return;
        }

        AddressProps(props, c.Info);
        Device(props);
    }

    private string ScsiDevice(ControllerDevice c) => c.Model switch
    {
        "lsilogic" or null => p.IsPSeries && c.Model is null ? "spapr-vscsi" : "lsi",
        "lsisas1068" => "mptsas1068",
        "lsisas1078" => "megasas",
        "virtio-scsi" => "virtio-scsi" + VirtioSuffix(c.Info),
        "ibmvscsi" => "spapr-vscsi",
        "vmpvscsi" => "pvscsi",
        "am53c974" => "am53c974",
        "dc390" => "dc-390",
        _ => c.Model,
    };

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

    private void BuildNetworks()
    {
        var boot = BootIndexes();
        var i = 0;
        foreach (var net in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "interface"))
        {
            var type = net.Attr("type") ?? "user";
            var hostnet = "host" + (net.Info.Alias ?? "net" + Num(i));
            i++;
            if (type == "user")
            {
                if (JsonNetdev)
                {
                    Add("-netdev", new QemuProps().Str("type", "user").Str("id", hostnet).ToJson());
                }
                else
                {
                    Add("-netdev", "user,id=" + hostnet);
                }
            }
            else
            {
                throw DomainConfigException.Unsupported($"interface type '{type}' is not supported by Vireo yet; use <interface type='user'>");
            }

            var model = net.Child("model")?.Attribute("type")?.Value ?? Addressing.PciDeviceNeeds.DefaultNicModel(p);
            var driver = model switch
            {
                "virtio" or "virtio-non-transitional" or "virtio-transitional" => "virtio-net" + VirtioSuffix(net.Info),
                _ => model,
            };
            var props = new QemuProps().Str("driver", driver).Str("netdev", hostnet).Str("id", net.Info.Alias);
            props.Str("mac", net.Child("mac")?.Attribute("address")?.Value ?? "52:54:00:00:00:00");
            AddressProps(props, net.Info);
            if (boot.TryGetValue(net, out var bi))
            {
                props.Num("bootindex", bi);
            }

            Device(props);
        }
    }

    /// <summary>The -chardev backend text for a character device.</summary>
    private string Chardev(ChardevDevice ch, string id)
    {
        var src = ch.Sources.IsDefaultOrEmpty ? null : ch.Sources[0];
        switch (ch.SourceType)
        {
            case "pty":
                return "pty,id=" + id;
            case "null":
                return "null,id=" + id;
            case "vc":
                return "vc,id=" + id;
            case "stdio":
                return "stdio,id=" + id;
            case "spicevmc":
                return "spicevmc,id=" + id + ",name=" + SpicevmcName(ch);
            case "spiceport":
                return "spiceport,id=" + id + ",name=" + QemuProps.EscapeValue((string?)src?.Attribute("channel") ?? "");
            case "qemu-vdagent":
                return "qemu-vdagent,id=" + id + ",name=vdagent";
            case "dbus":
                return "dbus,id=" + id + ",name=" + QemuProps.EscapeValue((string?)src?.Attribute("channel") ?? "");
            case "unix":
                var mode = (string?)src?.Attribute("mode") ?? "connect";
                if (mode == "bind" && ctx.PassedListenFd is { } fd)
                {
                    return "socket,id=" + id + ",fd=" + Num(fd) + ",server=on,wait=off";
                }

                var path = (string?)src?.Attribute("path") ?? ctx.DomainChannelDir(def.Name) + "/" + (ch.TargetName ?? id);
                return "socket,id=" + id + ",path=" + QemuProps.EscapeValue(path) + (mode == "bind" ? ",server=on,wait=off" : "");
            case "tcp":
                var host = (string?)src?.Attribute("host") ?? "";
                var service = (string?)src?.Attribute("service") ?? "";
                var server = (string?)src?.Attribute("mode") == "bind";
                return "socket,id=" + id + ",host=" + QemuProps.EscapeValue(host) + ",port=" + QemuProps.EscapeValue(service) + (ch.Protocol == "telnet" ? ",telnet=on" : "") + (server ? ",server=on,wait=off" : "");
            case "dev":
                return (p.IsX86 ? "tty" : "serial") + ",id=" + id + ",path=" + QemuProps.EscapeValue((string?)src?.Attribute("path") ?? "");
            case "pipe":
                return "pipe,id=" + id + ",path=" + QemuProps.EscapeValue((string?)src?.Attribute("path") ?? "");
            default:
                throw DomainConfigException.Unsupported($"character device type '{ch.SourceType}' is not supported by Vireo yet");
        }
    }

    private static string SpicevmcName(ChardevDevice ch) => ch.Kind == "channel" ? "vdagent" : ch.Kind == "redirdev" ? "usbredir" : "vdagent";

    private void BuildSerials()
    {
        foreach (var s in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "serial"))
        {
            var id = "char" + s.Info.Alias;
            Add("-chardev", Chardev(s, id));
            var model = s.TargetModel;
            var useDevice = model switch
            {
                "isa-serial" => p.Has("isa-serial") || p.Caps.Version > 0,
                "spapr-vty" or "sclpconsole" or "sclplmconsole" or "usb-serial" or "pci-serial" => true,
                _ => false,
            };
            if (!useDevice)
            {
                Add("-serial", "chardev:" + id);
                continue;
            }

            var props = new QemuProps().Str("driver", model).Str("chardev", id).Str("id", s.Info.Alias);
            if (model == "isa-serial")
            {
                props.Num("index", s.TargetPort ?? 0);
            }

            AddressProps(props, s.Info);
            Device(props);
        }
    }

    private void BuildChannels()
    {
        foreach (var ch in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "channel"))
        {
            var id = "char" + ch.Info.Alias;
            if (ch.TargetType != "virtio")
            {
                throw DomainConfigException.Unsupported($"channel target type '{ch.TargetType}' is not supported by Vireo yet");
            }

            Add("-chardev", Chardev(ch, id));
            var props = new QemuProps().Str("driver", "virtserialport");
            AddressProps(props, ch.Info);
            props.Str("chardev", id).Str("id", ch.Info.Alias);
            var name = ch.TargetName ?? (ch.SourceType == "spicevmc" ? "com.redhat.spice.0" : null);
            props.Str("name", name);
            Device(props);
        }
    }

    private void BuildConsoles()
    {
        foreach (var c in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "console"))
        {
            switch (c.TargetType)
            {
                case "serial":
                    continue;
                case "virtio":
                    var id = "char" + c.Info.Alias;
                    Add("-chardev", Chardev(c, id));
                    var props = new QemuProps().Str("driver", "virtconsole");
                    AddressProps(props, c.Info);
                    props.Str("chardev", id).Str("id", c.Info.Alias);
                    Device(props);
                    break;
                case "sclp" or "sclplm":
                    var sid = "char" + c.Info.Alias;
                    Add("-chardev", Chardev(c, sid));
                    Device(new QemuProps().Str("driver", c.TargetType == "sclp" ? "sclpconsole" : "sclplmconsole").Str("chardev", sid).Str("id", c.Info.Alias));
                    break;
                default:
                    break;
            }
        }
    }

    private void BuildInputs()
    {
        foreach (var i in def.DevicesOf<InputDevice>())
        {
            string? driver = (i.Bus, i.Type) switch
            {
                ("usb", "mouse") => "usb-mouse",
                ("usb", "tablet") => "usb-tablet",
                ("usb", "keyboard") => "usb-kbd",
                ("virtio", "mouse") => "virtio-mouse" + VirtioSuffix(i.Info),
                ("virtio", "tablet") => "virtio-tablet" + VirtioSuffix(i.Info),
                ("virtio", "keyboard") => "virtio-keyboard" + VirtioSuffix(i.Info),
                ("virtio", "passthrough") => "virtio-input-host" + VirtioSuffix(i.Info),
                _ => null,
            };
            if (driver is null)
            {
                continue;
            }

            var props = new QemuProps().Str("driver", driver).Str("id", i.Info.Alias);
            if (i.Type == "passthrough")
            {
                props.Str("evdev", (string?)i.Source?.Attribute("evdev"));
            }

            AddressProps(props, i.Info);
            VirtioOptionProps(props, i.Virtio);
            Device(props);
        }
    }

    private void BuildMemballoon()
    {
        var m = def.DevicesOf<MemballoonDevice>().FirstOrDefault();
        if (m is null || m.Model == "none")
        {
            return;
        }

        var props = new QemuProps().Str("driver", "virtio-balloon" + VirtioSuffix(m.Info)).Str("id", m.Info.Alias);
        AddressProps(props, m.Info);
        props.OnOff("deflate-on-oom", m.AutoDeflate).OnOff("free-page-reporting", m.FreePageReporting);
        VirtioOptionProps(props, m.Virtio);
        Device(props);
    }

    private void BuildRngs()
    {
        foreach (var rng in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "rng"))
        {
            var backend = rng.Child("backend");
            var objId = "obj" + rng.Info.Alias;
            switch ((string?)backend?.Attribute("model"))
            {
                case "random":
                    ObjectArg(new QemuProps().Str("qom-type", "rng-random").Str("id", objId).Str("filename", backend!.Value.Trim().Length > 0 ? backend.Value.Trim() : "/dev/random"));
                    break;
                case "builtin":
                    ObjectArg(new QemuProps().Str("qom-type", "rng-builtin").Str("id", objId));
                    break;
                default:
                    throw DomainConfigException.Unsupported("this RNG backend is not supported by Vireo yet; use <backend model='random'>");
            }

            var props = new QemuProps().Str("driver", "virtio-rng" + VirtioSuffix(rng.Info)).Str("rng", objId).Str("id", rng.Info.Alias);
            if (rng.Child("rate") is XElement rate)
            {
                props.Num("max-bytes", long.Parse((string?)rate.Attribute("bytes") ?? "0", CultureInfo.InvariantCulture));
                props.Num("period", long.Parse((string?)rate.Attribute("period") ?? "1000", CultureInfo.InvariantCulture));
            }

            AddressProps(props, rng.Info);
            Device(props);
        }
    }
}
