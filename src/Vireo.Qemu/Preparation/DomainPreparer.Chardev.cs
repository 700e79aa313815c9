using Vireo.Domain.Devices;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>Character device defaults: serial/console targets per platform.</summary>
public static partial class DomainPreparer
{
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
