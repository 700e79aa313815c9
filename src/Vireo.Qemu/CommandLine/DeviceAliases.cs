using System.Collections.Immutable;
using System.Globalization;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Gives every device its QEMU id, the way libvirt names them (video0, net0, ide0-0-0,
/// pci.1, usb, virtio-serial0...). User aliases (<c>ua-*</c>) are kept.
/// </summary>
public static class DeviceAliases
{
    /// <summary>Returns the definition with aliases on every device.</summary>
    public static DomainDefinition Assign(DomainDefinition def, PlatformContext p)
    {
        var b = def.Devices.ToBuilder();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        int Next(string prefix)
        {
            var n = counters.GetValueOrDefault(prefix);
            counters[prefix] = n + 1;
            return n;
        }

        string I(int n) => n.ToString(CultureInfo.InvariantCulture);

        for (var i = 0; i < b.Count; i++)
        {
            var d = b[i];
            if (d.Info.Alias is not null)
            {
                // Keep the numbering in step with libvirt, which counts user-aliased devices too.
                _ = CountOnly(d, Next);
                continue;
            }

            string? alias = d switch
            {
                VideoDevice => "video" + I(Next("video")),
                InputDevice => "input" + I(Next("input")),
                HostdevDevice => "hostdev" + I(Next("hostdev")),
                SoundDevice => "sound" + I(Next("sound")),
                MemballoonDevice => "balloon" + I(Next("balloon")),
                DiskDevice disk => DiskAlias(disk, Next),
                ControllerDevice c => ControllerAlias(c, p),
                ChardevDevice ch => ch.Kind + I(Next(ch.Kind)),
                GenericDevice g => g.ElementName switch
                {
                    "interface" => "net" + I(Next("net")),
                    "rng" => "rng" + I(Next("rng")),
                    "redirdev" => "redir" + I(Next("redir")),
                    "watchdog" => "watchdog" + I(Next("watchdog")),
                    "smartcard" => "smartcard" + I(Next("smartcard")),
                    "filesystem" => "fs" + I(Next("fs")),
                    "tpm" => "tpm" + I(Next("tpm")),
                    "shmem" => "shmem" + I(Next("shmem")),
                    "hub" => "hub" + I(Next("hub")),
                    "panic" => "panic" + I(Next("panic")),
                    "vsock" => "vsock" + I(Next("vsock")),
                    "iommu" => "iommu" + I(Next("iommu")),
                    "crypto" => "crypto" + I(Next("crypto")),
                    "memory" => "dimm" + I(Next("dimm")),
                    _ => null,
                },
                _ => null,
            };
            if (alias is not null)
            {
                b[i] = d.WithAlias(alias);
            }
        }

        return def with { Devices = b.ToImmutable() };
    }

    private static int CountOnly(DomainDevice d, Func<string, int> next) => d switch
    {
        VideoDevice => next("video"),
        InputDevice => next("input"),
        HostdevDevice => next("hostdev"),
        ChardevDevice ch => next(ch.Kind),
        _ => 0,
    };

    private static string DiskAlias(DiskDevice d, Func<string, int> next)
    {
        string I(int n) => n.ToString(CultureInfo.InvariantCulture);
        if (d.Info.Address is DriveAddress a)
        {
            return d.TargetBus switch
            {
                "scsi" => $"scsi{I(a.Controller)}-{I(a.Bus)}-{I(a.Target)}-{I(a.Unit)}",
                "ide" => $"ide{I(a.Controller)}-{I(a.Bus)}-{I(a.Unit)}",
                "sata" => $"sata{I(a.Controller)}-{I(a.Bus)}-{I(a.Unit)}",
                "fdc" => $"fdc{I(a.Controller)}-{I(a.Bus)}-{I(a.Unit)}",
                _ => d.TargetBus + "-disk" + I(next(d.TargetBus + "-disk")),
            };
        }

        return d.TargetBus switch
        {
            "virtio" => "virtio-disk" + I(DomainPreparer.DiskIndex(d.TargetDev ?? "vda")),
            "usb" => "usb-disk" + I(DomainPreparer.DiskIndex(d.TargetDev ?? "sda")),
            "xen" => "xen-disk" + I(DomainPreparer.DiskIndex(d.TargetDev ?? "xvda")),
            "sd" => "sd-disk" + I(DomainPreparer.DiskIndex(d.TargetDev ?? "sda")),
            _ => (d.TargetBus ?? "disk") + "-disk" + I(next("disk")),
        };
    }

    /// <summary>The id of a controller: the bus name QEMU gives it.</summary>
    public static string ControllerAlias(ControllerDevice c, PlatformContext p)
    {
        var idx = c.Index.ToString(CultureInfo.InvariantCulture);
        return c.Type switch
        {
            "pci" when c.Model == "pcie-root" => "pcie." + idx,
            "pci" => "pci." + idx,
            "usb" => c.Index == 0 ? "usb" : "usb" + idx,
            "ide" => c.Index == 0 ? "ide" : "ide" + idx,
            "sata" when c.Index == 0 && p.IsQ35 => "ide",
            "sata" => "sata" + idx,
            "fdc" => "fdc" + idx,
            _ => c.Type + idx,
        };
    }
}
