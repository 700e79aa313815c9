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
        var changed = false;
        foreach (var dev in def.Devices)
        {
            var withDefaults = dev switch
            {
                VideoDevice v => VideoDefaultsFor(v, p),
                DiskDevice d => DiskDefaultsFor(d, p),
                FilesystemDevice f => FilesystemDefaultsFor(f),
                ControllerDevice c => ControllerDefaultsFor(c, p),
                InputDevice i => InputDefaultsFor(i, p),
                HostdevDevice h => HostdevDefaultsFor(h),
                ChardevDevice ch => ChardevDefaultsFor(ch, p, config, inactive),
                InterfaceDevice n => InterfaceDefaultsFor(n, p),
                TpmDevice t => TpmDefaultsFor(t, p),
                PanicDevice pd => PanicDefaultsFor(pd, p),
                WatchdogDevice w => WatchdogDefaultsFor(w),
                VsockDevice v => VsockDefaultsFor(v),
                ShmemDevice sh => ShmemDefaultsFor(sh),
                GraphicsDevice g => GraphicsDefaultsFor(g, config, inactive),
                _ => dev,
            };
            changed |= !ReferenceEquals(withDefaults, dev);
            list.Add(withDefaults);
        }

        // The builder is exactly full: its array is handed over, not copied.
        return changed ? def with { Devices = list.DrainToImmutable() } : def;
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

}
