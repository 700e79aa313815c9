using System.Collections.Immutable;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.Addressing;

/// <summary>
/// Gives every device that needs one a bus address: PCI (adding root ports/bridges
/// when needed), virtio-serial ports, s390 CCW device numbers, pSeries VIO registers.
/// </summary>
public static partial class AddressAssigner
{
    /// <summary>Assigns addresses, returning a new definition (possibly with added controllers).</summary>
    public static DomainDefinition Assign(DomainDefinition def, PlatformContext p)
    {
        def = AssignVirtioSerial(def);
        if (p.IsS390)
        {
            def = AssignCcw(def);
        }
        else if (SupportsPci(def, p))
        {
            def = AssignPci(def, p);
        }

        if (p.IsPSeries)
        {
            def = AssignSpaprVio(def);
        }

        return def;
    }

    private static bool SupportsPci(DomainDefinition def, PlatformContext p) =>
        def.DevicesOf<ControllerDevice>().Any(c => c.Type == "pci" && c.Model is "pci-root" or "pcie-root");

    private static DomainDefinition AssignVirtioSerial(DomainDefinition def)
    {
        var used = new HashSet<(int, int, int)>();
        foreach (var d in def.Devices)
        {
            if (d.Info.Address is VirtioSerialAddress a)
            {
                used.Add((a.Controller, a.Bus, a.Port));
            }
        }

        var devices = def.Devices.ToBuilder();
        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i] is not ChardevDevice ch || ch.Info.Address is not null)
            {
                continue;
            }

            var isVirtio = (ch.Kind == "channel" && ch.TargetType == "virtio") || (ch.Kind == "console" && ch.TargetType == "virtio");
            if (!isVirtio)
            {
                continue;
            }

            var port = ch.Kind == "console" && !used.Contains((0, 0, 0)) ? 0 : 1;
            while (used.Contains((0, 0, port)))
            {
                port++;
            }

            used.Add((0, 0, port));
            devices[i] = ch.WithAddress(new VirtioSerialAddress(0, 0, port));
        }

        return def with { Devices = devices.ToImmutable() };
    }

    private static DomainDefinition AssignCcw(DomainDefinition def)
    {
        var used = new HashSet<int>();
        foreach (var d in def.Devices)
        {
            if (d.Info.Address is CcwAddress c)
            {
                used.Add(c.Devno);
            }
        }

        var devices = def.Devices.ToBuilder();
        var next = 0;
        foreach (var i in CcwOrder(devices))
        {
            while (used.Contains(next))
            {
                next++;
            }

            used.Add(next);
            devices[i] = devices[i].WithAddress(new CcwAddress(0xfe, 0, next));
        }

        return def with { Devices = devices.ToImmutable() };
    }

    private static IEnumerable<int> CcwOrder(ImmutableArray<DomainDevice>.Builder devices)
    {
        string[] order = ["disk", "interface", "hostdev", "video", "controller", "input", "watchdog", "memballoon", "rng"];
        foreach (var kind in order)
        {
            for (var i = 0; i < devices.Count; i++)
            {
                var d = devices[i];
                if (d.ElementName != kind || d.Info.Address is not null || !WantsCcw(d))
                {
                    continue;
                }

                yield return i;
            }
        }
    }

    private static bool WantsCcw(DomainDevice d) => d switch
    {
        DiskDevice disk => disk.TargetBus == "virtio",
        VideoDevice v => v.ModelType == "virtio",
        ControllerDevice c => c.Type is "virtio-serial" || (c.Type == "scsi" && c.Model is "virtio-scsi" or null),
        MemballoonDevice m => m.Model.StartsWith("virtio", StringComparison.Ordinal),
        InputDevice i => i.Bus == "virtio",
        HostdevDevice h => h.Type == "mdev" && h.Model == "vfio-ccw",
        GenericDevice g => g.ElementName switch
        {
            "interface" => g.Attr("type") != "hostdev",
            "rng" => g.Attr("model")?.StartsWith("virtio", StringComparison.Ordinal) == true,
            "watchdog" => g.Attr("model") == "diag288" && false,
            _ => false,
        },
        _ => false,
    };

    private static DomainDefinition AssignSpaprVio(DomainDefinition def)
    {
        var devices = def.Devices.ToBuilder();
        ulong nextSerial = 0x30000000;
        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i] is ChardevDevice { Kind: "serial", TargetType: "spapr-vio-serial" } ch && ch.Info.Address is null or SpaprVioAddress { Reg: null })
            {
                devices[i] = ch.WithAddress(new SpaprVioAddress(nextSerial));
                nextSerial += 0x1000;
            }
        }

        // A serial console is the serial port itself: it shows the port's address.
        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i] is ChardevDevice { Kind: "console", TargetType: "serial", Info.Address: null } con
                && devices.OfType<ChardevDevice>().FirstOrDefault(s => s.Kind == "serial" && (s.TargetPort ?? 0) == (con.TargetPort ?? 0)) is { Info.Address: SpaprVioAddress a })
            {
                devices[i] = con.WithAddress(a);
            }
        }

        return def with { Devices = devices.ToImmutable() };
    }
}
