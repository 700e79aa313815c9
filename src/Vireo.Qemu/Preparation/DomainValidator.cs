using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.Preparation;

/// <summary>
/// Refuses definitions QEMU cannot run, with messages that say what to change.
/// Wording follows libvirt where libvirt has a message for the same refusal.
/// </summary>
public static class DomainValidator
{
    /// <summary>Validates a definition whose defaults are filled.</summary>
    public static void Validate(DomainDefinition def, PlatformContext p, Configuration.DriverConfig config)
    {
        if (p.Caps.Version > 0 || p.Caps.Flags.Count > 0 || !p.Caps.Machines.IsDefaultOrEmpty)
        {
            var accelFlag = p.Accel switch
            {
                Capabilities.Accelerator.Kvm => "kvm",
                Capabilities.Accelerator.Hvf => "hvf",
                _ => "tcg",
            };
            if (p.Accel != Capabilities.Accelerator.Tcg && !p.Has(accelFlag) && p.Caps.Version == 0)
            {
                throw DomainConfigException.Unsupported($"Emulator '{p.Emulator}' does not support virt type '{def.VirtType}'");
            }

            if (p.Caps.FindMachine(p.Machine, p.Accel) is null)
            {
                throw DomainConfigException.Unsupported($"Emulator '{p.Emulator}' does not support machine type '{p.Machine}'");
            }
        }

        ValidateVideo(def, p);
        ValidateGraphics(def, p, config);
        ValidateHostdevs(def);
    }

    private static void ValidateVideo(DomainDefinition def, PlatformContext p)
    {
        var videos = def.DevicesOf<VideoDevice>().ToList();
        if (videos.Count > 1 && videos.Any(v => v.ModelType == "none"))
        {
            throw DomainConfigException.Unsupported("a 'none' video type must be the only video device defined for the domain");
        }

        if (videos.Count(v => v.ModelType == "ramfb") > 1)
        {
            throw DomainConfigException.Unsupported("Only one ramfb video device is supported; remove the extra <model type='ramfb'/>");
        }

        foreach (var v in videos)
        {
            var model = v.ModelType ?? "default";
            if (model is "xen" or "vbox" or "parallels" or "gop")
            {
                throw DomainConfigException.Unsupported($"video type '{model}' is not supported with QEMU");
            }

            if (model == "ramfb" && v.Info.Address is not null)
            {
                throw DomainConfigException.Unsupported("address not supported for video type ramfb");
            }

            if (!v.Primary && model is not ("qxl" or "virtio" or "none"))
            {
                throw DomainConfigException.Unsupported($"video type '{model}' is only valid as primary video device");
            }

            if (v.Accel2d == "yes")
            {
                throw DomainConfigException.Unsupported("qemu does not support the accel2d setting");
            }

            if (v.Accel3d == "yes" && model != "virtio")
            {
                throw DomainConfigException.Unsupported($"{model} 3d acceleration is not supported");
            }

            var ccw = v.Info.Address is CcwAddress || (p.IsS390 && v.Info.Address is null);
            var flag = DeviceCapabilityTable.VideoFlag(model, ccw, v.DriverName == "vhostuser");
            if (flag is not null && !p.Has(flag))
            {
                throw DomainConfigException.Unsupported($"this QEMU does not support '{model}' video device");
            }

            if (v.Vgamem is not null && model != "qxl")
            {
                throw DomainConfigException.Unsupported("vgamem attribute only supported for video type qxl");
            }

            if (model == "qxl" && v.Vgamem is { } vgamem && (vgamem < 1024 || (vgamem & (vgamem - 1)) != 0))
            {
                throw DomainConfigException.Unsupported("value for 'vgamem' must be a power of two of at least 1 MiB");
            }
        }
    }

    private static void ValidateGraphics(DomainDefinition def, PlatformContext p, Configuration.DriverConfig config)
    {
        foreach (var g in def.DevicesOf<GraphicsDevice>())
        {
            if (g.Type == "vnc" && g.Passwd is { Length: > 8 } pw)
            {
                throw DomainConfigException.Unsupported($"VNC password is {pw.Length} characters long, only 8 permitted");
            }

            if (g.Type == "spice" && !config.SpiceTls)
            {
                if (g.TlsPort is > 0)
                {
                    throw DomainConfigException.Unsupported("spice TLS port set in XML configuration, but TLS is disabled in qemu.conf");
                }

                if (g.DefaultMode == "secure")
                {
                    throw DomainConfigException.Unsupported("spice defaultMode secure requested in XML configuration, but TLS connection is not available");
                }
            }
        }

        var graphics = def.DevicesOf<GraphicsDevice>().ToList();
        if (graphics.Count(g => g.HasGl) > 1)
        {
            throw DomainConfigException.Unsupported("multiple OpenGL displays are not supported by QEMU");
        }

        foreach (var g in graphics)
        {
            if (g.Type is "rdp" or "desktop" || (DeviceCapabilityTable.GraphicsFlag(g.Type) is { } flag && !p.Has(flag)))
            {
                throw DomainConfigException.Unsupported($"{g.Type} graphics are not supported with this QEMU");
            }
        }
    }

    private static void ValidateHostdevs(DomainDefinition def)
    {
        foreach (var h in def.DevicesOf<HostdevDevice>())
        {
            if (h.Type != "mdev")
            {
                continue;
            }

            if (h.Display is not null and not ("on" or "off"))
            {
                throw DomainConfigException.Unsupported($"unsupported value '{h.Display}' for attribute 'display' in <hostdev>: use 'on' or 'off'");
            }

            if (h.Display == "on")
            {
                if (h.Model != "vfio-pci")
                {
                    throw DomainConfigException.Unsupported($"<hostdev> attribute 'display' is only supported with model='vfio-pci'");
                }

                if (!def.DevicesOf<GraphicsDevice>().Any())
                {
                    throw DomainConfigException.Unsupported("graphics device is needed for attribute value 'display=on' in <hostdev>");
                }
            }

            if (h.Ramfb == "on" && h.Display != "on")
            {
                throw DomainConfigException.Unsupported("'ramfb' requires display='on' on the mediated device");
            }
        }
    }
}
