using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>
/// Character device defaults: serial target types and models per platform, target port
/// numbering, the console/serial aliasing of HVM guests, generated socket paths.
/// </summary>
public static partial class DomainPreparer
{
    private static ChardevDevice ChardevDefaultsFor(ChardevDevice ch, PlatformContext p, DriverConfig config, bool inactive)
    {
        switch (ch.Kind)
        {
            case "serial":
                // isa-serial was once the only choice everywhere: read it as "the platform's default".
                var requested = ch.TargetType == "isa-serial" ? null : ch.TargetType;
                var (type, model) = DefaultSerialTarget(p, requested);
                return ch with { TargetType = type, TargetModel = ch.TargetModel ?? model };
            case "channel" when inactive:
                return DropGeneratedChannelPath(ch, config);
            default:
                return ch;
        }
    }

    /// <summary>
    /// Serial port target type and model per platform (libvirt's choices); a null type is
    /// left null on platforms without a default serial device.
    /// </summary>
    internal static (string? Type, string? Model) DefaultSerialTarget(PlatformContext p, string? requestedType)
    {
        var type = requestedType ?? (p.IsX86 ? "isa-serial"
            : p.IsPSeries ? "spapr-vio-serial"
            : p.IsArmVirt || p.IsRiscvVirt ? "system-serial"
            : p.IsS390 ? "sclp-serial"
            : null);
        string? model = type switch
        {
            "isa-serial" => "isa-serial",
            "usb-serial" => "usb-serial",
            "pci-serial" => "pci-serial",
            "spapr-vio-serial" => "spapr-vty",
            "sclp-serial" => "sclpconsole",
            "isa-debug" => "isa-debugcon",
            "system-serial" => p.IsArmVirt ? "pl011" : p.IsRiscvVirt ? "16550a" : null,
            _ => null,
        };
        return (type, model);
    }

    /// <summary>
    /// An inactive definition does not keep the socket path libvirt generated for a virtio
    /// channel (under the channel directory, named after the target).
    /// </summary>
    private static ChardevDevice DropGeneratedChannelPath(ChardevDevice ch, DriverConfig config)
    {
        if (ch.TargetType != "virtio" || ch.SourceType != "unix" || ch.TargetName is null || ch.SourceAttr("path") is not { } path)
        {
            return ch;
        }

        // Either <dir>/<anything>.<name>-style prefix or a domain-*/<name> suffix, as libvirt matches it.
        var pattern = "^" + Regex.Escape(config.ChannelTargetDir) + "/([^/]+\\.)|(domain-[^/]+/)" + Regex.Escape(ch.TargetName) + "$";
        if (!Regex.IsMatch(path, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return ch;
        }

        var sources = ch.Sources.ToBuilder();
        var first = new XElement(sources[0]);
        first.Attribute("path")?.Remove();
        sources[0] = first;
        return ch with { Sources = sources.ToImmutable() };
    }

    /// <summary>
    /// Numbers serial and parallel ports (first free after the highest so far) and consoles
    /// (by position), then applies the console compatibility rules of HVM guests.
    /// </summary>
    private static ImmutableArray<DomainDevice> PrepareChardevs(ImmutableArray<DomainDevice> devices, PlatformContext p)
    {
        if (!HasDevice<ChardevDevice>(devices))
        {
            // No serial, parallel, console or channel: nothing to number or mirror.
            return devices;
        }

        var b = devices.ToBuilder();
        foreach (var kind in new[] { "serial", "parallel" })
        {
            var max = -1;
            for (var i = 0; i < b.Count; i++)
            {
                if (b[i] is ChardevDevice ch && ch.Kind == kind)
                {
                    if (ch.TargetPort is null)
                    {
                        b[i] = ch = ch with { TargetPort = max + 1 };
                    }

                    max = Math.Max(max, ch.TargetPort!.Value);
                }
            }
        }

        var consoleIndex = 0;
        for (var i = 0; i < b.Count; i++)
        {
            if (b[i] is ChardevDevice { Kind: "console" } con)
            {
                b[i] = con with { TargetPort = consoleIndex++ };
            }
        }

        return AddConsoleCompat(b.ToImmutable(), p);
    }

    /// <summary>
    /// The first console of an HVM guest is an alias of the first serial port: a serial console
    /// without a serial port creates one; a serial port without a serial console gets a stub
    /// console in front of the others. A serial console shows the port's settings.
    /// </summary>
    private static ImmutableArray<DomainDevice> AddConsoleCompat(ImmutableArray<DomainDevice> devices, PlatformContext p)
    {
        var consoles = devices.OfType<ChardevDevice>().Where(c => c.Kind == "console").ToList();
        var serials = devices.OfType<ChardevDevice>().Where(c => c.Kind == "serial").ToList();
        if (consoles.Count > 0 && consoles[0].TargetType is null or "serial")
        {
            if (serials.Count == 0)
            {
                var (type, model) = DefaultSerialTarget(p, null);
                var serial = consoles[0] with
                {
                    Kind = "serial",
                    TargetType = type,
                    TargetModel = model,
                    TargetPort = 0,
                    Info = DeviceInfo.Empty,
                };
                devices = devices.Add(serial);
                serials.Add(serial);
            }

            devices = devices.Replace(consoles[0], consoles[0] with { TargetType = "serial" });
        }
        else if (serials.Count > 0 && serials[0].TargetType is null or "isa-serial" or "spapr-vio-serial" or "system-serial" or "sclp-serial")
        {
            var stub = new ChardevDevice { Kind = "console", SourceType = "pty", TargetType = "serial" };
            var at = consoles.Count > 0 ? devices.IndexOf(consoles[0]) : devices.Length;
            devices = devices.Insert(at, stub);
        }

        // Consoles of other types default to the platform's console device.
        var b = devices.ToBuilder();
        for (var i = 0; i < b.Count; i++)
        {
            if (b[i] is ChardevDevice { Kind: "console", TargetType: null } c)
            {
                b[i] = c with { TargetType = p.IsS390 ? "sclp" : "virtio" };
            }
        }

        return MirrorSerialConsoles(b.ToImmutable(), withAddresses: false);
    }

    /// <summary>A serial console (console n, n &lt; number of serial ports) shows serial port n's settings.</summary>
    /// <param name="devices">The device list.</param>
    /// <param name="withAddresses">Also copy the port's address (once addresses are assigned).</param>
    internal static ImmutableArray<DomainDevice> MirrorSerialConsoles(ImmutableArray<DomainDevice> devices, bool withAddresses)
    {
        if (!HasDevice<ChardevDevice>(devices, static c => c.Kind == "console"))
        {
            return devices;
        }

        var serials = devices.OfType<ChardevDevice>().Where(c => c.Kind == "serial").ToList();
        var b = devices.ToBuilder();
        var n = 0;
        for (var i = 0; i < b.Count; i++)
        {
            if (b[i] is not ChardevDevice { Kind: "console" } con)
            {
                continue;
            }

            if (con.TargetType == "serial" && n < serials.Count)
            {
                var s = serials[n];
                b[i] = con with
                {
                    SourceType = s.SourceType,
                    Tty = s.Tty,
                    Sources = s.Sources,
                    Protocol = s.Protocol,
                    Log = s.Log,
                    TargetPort = s.TargetPort,
                    Info = s.Info with { BootOrder = null, Address = withAddresses ? s.Info.Address : null },
                };
            }

            n++;
        }

        return b.ToImmutable();
    }

    private static ImmutableArray<DomainDevice> AddVirtioSerialControllers(ImmutableArray<DomainDevice> devices, PlatformContext p)
    {
        if (!HasDevice<ChardevDevice>(devices, static c => c.TargetType == "virtio"))
        {
            return devices;
        }

        var wanted = new List<int>();
        foreach (var kind in new[] { "channel", "console" })
        {
            foreach (var ch in devices.OfType<ChardevDevice>().Where(c => c.Kind == kind && c.TargetType == "virtio"))
            {
                wanted.Add(ch.Info.Address is VirtioSerialAddress a ? a.Controller : 0);
            }
        }

        foreach (var idx in wanted)
        {
            if (!HasControllerIn(devices, "virtio-serial", idx))
            {
                devices = devices.Add(ControllerDefaultsFor(new ControllerDevice { Type = "virtio-serial", Index = idx }, p));
            }
        }

        return devices;
    }
}
