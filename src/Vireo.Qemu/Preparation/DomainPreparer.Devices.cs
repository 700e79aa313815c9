using System.Collections.Immutable;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>Per-device defaults.</summary>
public static partial class DomainPreparer
{
    private static DomainDefinition ApplyDeviceDefaults(DomainDefinition def, PlatformContext p, DriverConfig config, bool inactive)
    {
        var list = ImmutableArray.CreateBuilder<DomainDevice>(def.Devices.Length);
        foreach (var dev in def.Devices)
        {
            list.Add(dev switch
            {
                VideoDevice v => VideoDefaultsFor(v, p),
                DiskDevice d => DiskDefaultsFor(d, p),
                ControllerDevice c => ControllerDefaultsFor(c, p),
                InputDevice i => InputDefaultsFor(i, p),
                HostdevDevice h => HostdevDefaultsFor(h),
                ChardevDevice ch => ChardevDefaultsFor(ch, p),
                GraphicsDevice g => GraphicsDefaultsFor(g, config, inactive),
                _ => dev,
            });
        }

        return def with { Devices = list.ToImmutable() };
    }

    /// <summary>The model libvirt picks when a &lt;video&gt; has none.</summary>
    internal static string DefaultVideoModel(PlatformContext p)
    {
        if (Machine.IsPpc64(p.Arch))
        {
            return "vga";
        }

        if (p.IsArmVirt || p.IsRiscvVirt || p.IsS390)
        {
            return "virtio";
        }

        if (p.Has("cirrus-vga"))
        {
            return "cirrus";
        }

        if (p.Has("VGA"))
        {
            return "vga";
        }

        throw DomainConfigException.Internal("missing video model and cannot determine default");
    }

    private static VideoDevice VideoDefaultsFor(VideoDevice v, PlatformContext p)
    {
        var model = v.ModelType ?? DefaultVideoModel(p);
        v = v with { ModelType = model };
        if (model == "none")
        {
            return v;
        }

        if (v.Vram is null && VideoDefaults.Vram(model) is var vram and > 0)
        {
            v = v with { Vram = vram };
        }

        if (model == "qxl")
        {
            v = v with { Ram = v.Ram ?? VideoDefaults.QxlRam, Vgamem = v.Vgamem ?? VideoDefaults.QxlVgamem };
        }

        if (v.Heads is null && VideoDefaults.HasHeads(model))
        {
            v = v with { Heads = 1 };
        }

        return v;
    }

    private static DiskDevice DiskDefaultsFor(DiskDevice d, PlatformContext p)
    {
        var driver = d.Driver;
        if (d.DriverAttr("name") is null && d.Type != "vhostuser")
        {
            driver = driver.Insert(0, new("name", "qemu"));
        }

        if (d.DriverAttr("type") is null && d.Type is "file" or "block" && d.Source is not null && d.Type != "vhostuser")
        {
            var at = driver.Length > 0 && driver[0].Key == "name" ? 1 : 0;
            driver = driver.Insert(at, new("type", "raw"));
        }

        var bus = d.TargetBus ?? DefaultDiskBus(d, p);
        d = d with { Driver = driver, TargetBus = bus };
        if (d.Info.Address is null && bus is "ide" or "sata" or "scsi" or "fdc")
        {
            d = (DiskDevice)d.WithAddress(DriveAddressFor(d.TargetDev ?? "", bus));
        }

        return d;
    }

    private static string DefaultDiskBus(DiskDevice d, PlatformContext p)
    {
        var dev = d.TargetDev ?? "";
        if (dev.StartsWith("hd", StringComparison.Ordinal))
        {
            return "ide";
        }

        if (dev.StartsWith("sd", StringComparison.Ordinal))
        {
            return "scsi";
        }

        if (dev.StartsWith("vd", StringComparison.Ordinal))
        {
            return "virtio";
        }

        if (dev.StartsWith("fd", StringComparison.Ordinal))
        {
            return "fdc";
        }

        if (dev.StartsWith("xvd", StringComparison.Ordinal))
        {
            return "xen";
        }

        return p.IsX86 ? "ide" : "virtio";
    }

    /// <summary>Index of a disk from its target name: hda → 0, sdb → 1, vdaa → 26.</summary>
    internal static int DiskIndex(string dev)
    {
        // Prefix is the leading letters up to the known bus prefix (hd, sd, vd, fd, xvd).
        var prefixLen = dev.StartsWith("xvd", StringComparison.Ordinal) ? 3 : 2;
        var idx = 0;
        for (var k = prefixLen; k < dev.Length; k++)
        {
            var c = dev[k];
            if (c < 'a' || c > 'z')
            {
                break;
            }

            idx = (idx * 26) + (c - 'a' + 1);
        }

        return idx - 1;
    }

    private static DriveAddress DriveAddressFor(string dev, string bus)
    {
        var idx = Math.Max(0, DiskIndex(dev));
        return bus switch
        {
            "ide" => new DriveAddress(idx / 4, (idx % 4) / 2, 0, idx % 2),
            "sata" => new DriveAddress(idx / 6, 0, 0, idx % 6),
            "scsi" => new DriveAddress(idx / 7, 0, 0, idx % 7),
            _ => new DriveAddress(0, 0, 0, idx),
        };
    }

    private static ControllerDevice ControllerDefaultsFor(ControllerDevice c, PlatformContext p)
    {
        if (c.Type == "usb" && c.Model is null)
        {
            c = c with { Model = DefaultUsbModel(p) };
        }

        if (c.Type == "pci" && c.Model is null && c.Index == 0)
        {
            c = c with { Model = p.HasPcieRoot ? "pcie-root" : "pci-root" };
        }

        // pSeries' PCI root is a PHB (spapr-pci-host-bridge) with its own index.
        if (c.Type == "pci" && c.Model == "pci-root" && p.IsPSeries)
        {
            c = c with { ModelName = c.ModelName ?? "spapr-pci-host-bridge", TargetIndex = c.TargetIndex ?? 0 };
        }

        return c;
    }

    /// <summary>The USB controller model libvirt picks for a machine, given what the binary has.</summary>
    internal static string? DefaultUsbModel(PlatformContext p)
    {
        if (p.IsS390)
        {
            return "none";
        }

        if (p.IsPSeries)
        {
            return p.Has("pci-ohci") ? "pci-ohci" : null;
        }

        if (p.IsQ35)
        {
            if (p.Has("qemu-xhci"))
            {
                return "qemu-xhci";
            }

            return p.Has("ich9-usb-ehci1") ? "ich9-ehci1" : null;
        }

        if (p.IsArmVirt || p.IsRiscvVirt)
        {
            if (p.Has("qemu-xhci"))
            {
                return "qemu-xhci";
            }

            return p.Has("nec-usb-xhci") ? "nec-xhci" : null;
        }

        return p.Has("piix3-usb-uhci") ? "piix3-uhci" : null;
    }

    private static InputDevice InputDefaultsFor(InputDevice i, PlatformContext p)
    {
        if (i.Bus is not null)
        {
            return i;
        }

        var bus = i.Type is "mouse" or "keyboard" && p.IsX86 ? "ps2"
            : i.Type is "passthrough" ? "virtio"
            : i.Type is "evdev" ? null
            : "usb";
        return i with { Bus = bus };
    }

    private static HostdevDevice HostdevDefaultsFor(HostdevDevice h)
    {
        if (h.Mode == "subsystem" && h.Managed is null && h.Type is "pci" or "usb" or "scsi" or "scsi_host" or "mdev")
        {
            h = h with { Managed = "no" };
        }

        return h;
    }

    private static GraphicsDevice GraphicsDefaultsFor(GraphicsDevice g, DriverConfig config, bool inactive)
    {
        // A VNC socket inside a domain's private directory is one an older engine generated:
        // drop it and let the host policy choose again.
        if (inactive && g.Type == "vnc" && g.FirstListen is { Type: "socket", Socket: { } sock } && sock.StartsWith(config.LibDir + "/domain-", StringComparison.Ordinal))
        {
            g = g with { Listens = [new GraphicsListen { Type = "address" }], AutoPort = true, Port = 0 };
        }

        // port='-1' means "allocate one for me".
        if (g.Type is "vnc" or "spice" && g.Port == -1)
        {
            g = g with { Port = 0, AutoPort = true };
        }

        if (g.Type == "vnc" && g.AutoPort is null)
        {
            g = g with { AutoPort = g.Port is null or 0 };
        }

        if (g.Type == "vnc" && g.WebSocket == -1)
        {
            g = g with { WebSocketGenerated = true };
        }

        return g;
    }

    private static ChardevDevice ChardevDefaultsFor(ChardevDevice ch, PlatformContext p)
    {
        switch (ch.Kind)
        {
            case "serial":
                var (type, model) = DefaultSerialTarget(p, ch.TargetType);
                return ch with { TargetType = ch.TargetType ?? type, TargetModel = ch.TargetModel ?? model };
            case "console":
                return ch with { TargetType = ch.TargetType ?? DefaultConsoleTarget(p), TargetPort = ch.TargetPort ?? 0 };
            default:
                return ch;
        }
    }

    /// <summary>Serial port target type and model per platform (libvirt's choices).</summary>
    internal static (string Type, string Model) DefaultSerialTarget(PlatformContext p, string? requestedType)
    {
        var type = requestedType ?? (p.IsArmVirt || p.IsRiscvVirt ? "system-serial"
            : p.IsPSeries ? "spapr-vio-serial"
            : p.IsS390 ? "sclp-serial"
            : "isa-serial");
        var model = type switch
        {
            "isa-serial" => "isa-serial",
            "usb-serial" => "usb-serial",
            "pci-serial" => "pci-serial",
            "spapr-vio-serial" => "spapr-vty",
            "sclp-serial" => "sclpconsole",
            "system-serial" => p.IsRiscvVirt ? "16550a" : "pl011",
            _ => "isa-serial",
        };
        return (type, model);
    }

    private static string DefaultConsoleTarget(PlatformContext p) => p.IsS390 ? "sclp" : "serial";
}
