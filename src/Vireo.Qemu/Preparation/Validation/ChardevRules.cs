using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Character device rules: sources, reconnect, serial target types and models.</summary>
internal static class ChardevRules
{
    /// <summary>Rules on the character devices as written.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        var spice = def.DevicesOf<GraphicsDevice>().Any(g => g.Type == "spice");
        foreach (var ch in def.DevicesOf<ChardevDevice>())
        {
            if (ch.Kind != "console")
            {
                CheckSource(ch.SourceType, ch.Sources.FirstOrDefault(), ch.Kind == "channel" && ch.TargetType is "virtio" or "xen");
            }

            CheckReconnect(ch);

            if (ch.SourceType is "spicevmc" or "spiceport" && !spice)
            {
                throw Unsupported($"chardev '{ch.SourceType}' not supported without spice graphics");
            }
        }

        // An EGD random number source talks over a character device too.
        foreach (var rng in def.DevicesOf<RngDevice>())
        {
            if (rng.BackendModel == "egd")
            {
                CheckSource(rng.BackendType ?? "pty", rng.Sources.IsDefaultOrEmpty ? null : rng.Sources[0], autoPath: false);
            }
        }
    }

    /// <summary>Serial target types and models, once defaults are filled in.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        foreach (var ch in def.DevicesOf<ChardevDevice>())
        {
            if (ch.Kind == "parallel" && (p.IsS390 || p.IsPSeries))
            {
                throw Unsupported("parallel ports are not supported");
            }

            if (ch.Kind == "serial")
            {
                CheckSerialTarget(ch, p);
            }
            else if (ch.Kind == "console" && KnowsCaps(p))
            {
                CheckConsoleTarget(ch, p);
            }
        }
    }

    private static void CheckSource(string type, System.Xml.Linq.XElement? source, bool autoPath)
    {
        switch (type)
        {
            case "unix":
                if (Attr(source, "path") is null && !autoPath)
                {
                    throw Internal("Missing source path attribute for char device");
                }

                break;
            case "file" or "pipe" or "dev":
                if (Attr(source, "path") is null)
                {
                    throw Internal("Missing source path attribute for char device");
                }

                break;
            case "tcp":
                if (Attr(source, "host") is null)
                {
                    throw Internal("Missing source host attribute for char device");
                }

                if (Attr(source, "service") is null)
                {
                    throw Internal("Missing source service attribute for char device");
                }

                break;
            default:
                break;
        }
    }

    private static void CheckReconnect(ChardevDevice ch)
    {
        if (ch.SourceType is not ("tcp" or "unix"))
        {
            return;
        }

        foreach (var source in ch.Sources)
        {
            var reconnect = source.Element("reconnect");
            if (Attr(reconnect, "enabled") == "yes" && TryUnsigned(Attr(reconnect, "timeout"), out var timeout) && timeout == 0)
            {
                throw InvalidArgument("chardev reconnect source timeout cannot be '0'");
            }
        }
    }

    private static void CheckSerialTarget(ChardevDevice ch, PlatformContext p)
    {
        var type = ch.TargetType;
        var model = ch.TargetModel;

        var addressType = type switch
        {
            "isa-serial" or "isa-debug" => "isa",
            "usb-serial" => "usb",
            "pci-serial" => "pci",
            "spapr-vio-serial" => "spapr-vio",
            _ => null,
        };
        if (addressType is not null && ch.Info.Address is { } address && address.TypeName != addressType)
        {
            throw Unsupported($"Target type '{type}' requires address type '{addressType}'");
        }

        if (type is "system-serial" or "sclp-serial" && ch.Info.Address is not null)
        {
            throw Unsupported($"Target type '{type}' cannot have an associated address");
        }

        var modelType = model switch
        {
            "isa-serial" => "isa-serial",
            "usb-serial" => "usb-serial",
            "pci-serial" => "pci-serial",
            "spapr-vty" => "spapr-vio-serial",
            "pl011" or "16550a" => "system-serial",
            "sclpconsole" or "sclplmconsole" => "sclp-serial",
            "isa-debugcon" => "isa-debug",
            _ => null,
        };
        if (modelType is not null && type is not null && type != modelType)
        {
            throw Unsupported($"Target model '{model}' requires target type '{modelType}'");
        }

        var compatible = true;
        if (type == "system-serial" && ((model == "pl011" && !p.IsArmVirt) || (model == "16550a" && !p.IsRiscvVirt)))
        {
            compatible = false;
        }

        if (!p.IsPSeries && (type == "spapr-vio-serial" || model == "spapr-vty"))
        {
            compatible = false;
        }

        if (!p.IsS390 && (type == "sclp-serial" || model is "sclpconsole" or "sclplmconsole"))
        {
            compatible = false;
        }

        if (!compatible)
        {
            throw Unsupported($"Serial device with target type '{type}' and target model '{model}' not compatible with guest architecture or machine type");
        }
    }

    private static void CheckConsoleTarget(ChardevDevice ch, PlatformContext p)
    {
        switch (ch.TargetType)
        {
            case "sclp":
                if (!p.Has("s390-sclp"))
                {
                    throw Unsupported("sclpconsole is not supported in this QEMU binary");
                }

                break;
            case "sclplm":
                if (!p.Has("sclplmconsole"))
                {
                    throw Unsupported("sclplmconsole is not supported in this QEMU binary");
                }

                break;
            default:
                break;
        }
    }
}
