using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Host device rules: mediated device addresses, duplicates, VFIO support.</summary>
internal static class HostdevRules
{
    /// <summary>Rules on the host devices as written.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        var hostdevs = def.DevicesOf<HostdevDevice>().ToList();
        foreach (var h in hostdevs)
        {
            if (h.Type == "mdev" && h.Info.Address is { } address)
            {
                var allowed = h.Model switch
                {
                    "vfio-pci" => "pci",
                    "vfio-ccw" => "ccw",
                    _ => null,
                };
                if (address.TypeName != allowed)
                {
                    throw Xml($"Unsupported address type '{address.TypeName}' with mediated device model '{h.Model}'");
                }
            }
        }

        for (var i = 0; i < hostdevs.Count; i++)
        {
            for (var j = i + 1; j < hostdevs.Count; j++)
            {
                if (SameSource(hostdevs[i], hostdevs[j]))
                {
                    throw Xml("Hostdev already exists in the domain configuration");
                }
            }
        }
    }

    /// <summary>Rules needing the capabilities of the binary.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        var hostdevs = def.DevicesOf<HostdevDevice>().ToList();
        foreach (var h in hostdevs)
        {
            if (h.Mode == "capabilities")
            {
                throw Unsupported($"hostdev mode 'capabilities' is not supported in {def.VirtType}");
            }
        }

        if (!KnowsCaps(p))
        {
            return;
        }

        foreach (var h in hostdevs.Where(h => h.Type == "mdev"))
        {
            switch (h.Model)
            {
                case "vfio-pci":
                    if (!p.Has("vfio-pci"))
                    {
                        throw Unsupported("VFIO PCI device assignment is not supported by this version of QEMU");
                    }

                    if (h.Info.BootOrder is not null)
                    {
                        throw Unsupported("booting from assigned devices is not supported by mediated devices of model vfio-pci");
                    }

                    break;
                case "vfio-ccw":
                    if (!p.Has("vfio-ccw"))
                    {
                        throw Unsupported("VFIO CCW device assignment is not supported by this version of QEMU");
                    }

                    break;
                case "vfio-ap":
                    if (!p.Has("vfio-ap"))
                    {
                        throw Unsupported("VFIO AP device assignment is not supported by this version of QEMU");
                    }

                    if (h.Info.BootOrder is not null)
                    {
                        throw Unsupported("booting from assigned devices is not supported by mediated devices of model vfio-ap");
                    }

                    if (hostdevs.Count(o => o.Type == "mdev" && o.Model == "vfio-ap") > 1)
                    {
                        throw Unsupported("Only one hostdev of model vfio-ap is supported");
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var h in hostdevs.Where(h => h.Mode == "subsystem" && h.Type == "pci" && h.DriverName == "vfio"))
        {
            if (!p.Has("vfio-pci"))
            {
                throw Unsupported("VFIO PCI device assignment is not supported by this version of qemu");
            }
        }
    }

    private static bool SameSource(HostdevDevice a, HostdevDevice b)
    {
        if (a.Mode != "subsystem" || b.Mode != "subsystem" || a.Type != b.Type)
        {
            return false;
        }

        return a.Type switch
        {
            "pci" => a.SourcePci is { } x && b.SourcePci is { } y &&
                     x.Domain == y.Domain && x.Bus == y.Bus && x.Slot == y.Slot && x.Function == y.Function,
            "mdev" => a.SourceMdevUuid is { } u && string.Equals(u, b.SourceMdevUuid, StringComparison.OrdinalIgnoreCase),
            "usb" => SameUsbSource(a.Source, b.Source),
            "scsi" => SameScsiSource(a.Source, b.Source),
            _ => false,
        };
    }

    // The first device decides how it is identified: by host bus/device, else by vendor/product.
    private static bool SameUsbSource(System.Xml.Linq.XElement? first, System.Xml.Linq.XElement? second)
    {
        var firstAddress = first?.Element("address");
        if (Number(Attr(firstAddress, "bus")) is > 0 && Number(Attr(firstAddress, "device")) is > 0)
        {
            var secondAddress = second?.Element("address");
            return Number(Attr(firstAddress, "bus")) == Number(Attr(secondAddress, "bus")) &&
                   Number(Attr(firstAddress, "device")) == Number(Attr(secondAddress, "device"));
        }

        return Number(Attr(first?.Element("vendor"), "id")) == Number(Attr(second?.Element("vendor"), "id")) &&
               Number(Attr(first?.Element("product"), "id")) == Number(Attr(second?.Element("product"), "id"));
    }

    private static bool SameScsiSource(System.Xml.Linq.XElement? first, System.Xml.Linq.XElement? second)
    {
        var adapter = Attr(first?.Element("adapter"), "name");
        if (adapter is null || adapter != Attr(second?.Element("adapter"), "name"))
        {
            return false;
        }

        var x = first?.Element("address");
        var y = second?.Element("address");
        return Number(Attr(x, "bus")) == Number(Attr(y, "bus")) &&
               Number(Attr(x, "target")) == Number(Attr(y, "target")) &&
               Number(Attr(x, "unit")) == Number(Attr(y, "unit"));
    }

    private static ulong Number(string? text) => TryUnsigned(text, out var v) ? v : 0;

    /// <summary>A SCSI disk placed by libvirt on an address a SCSI host device already holds.</summary>
    public static void CheckScsiAddresses(DomainDefinition def)
    {
        var hostdevAddresses = def.DevicesOf<HostdevDevice>()
            .Where(h => h.Mode == "subsystem" && h.Type == "scsi" && h.Info.Address is DriveAddress)
            .Select(h => (DriveAddress)h.Info.Address!)
            .ToList();
        foreach (var d in def.DevicesOf<DiskDevice>().Where(d => DiskRules.Bus(d) == "scsi"))
        {
            if (d.Info.Address is DriveAddress a && hostdevAddresses.Contains(a))
            {
                throw Unsupported(string.Format(
                    System.Globalization.CultureInfo.InvariantCulture,
                    "using disk target name '{0}' conflicts with SCSI host device address controller='{1}' bus='{2}' target='{3}' unit='{4}",
                    d.TargetDev,
                    a.Controller,
                    a.Bus,
                    a.Target,
                    a.Unit));
            }
        }
    }
}
