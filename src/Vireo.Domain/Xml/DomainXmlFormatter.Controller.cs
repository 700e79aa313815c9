using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Controller formatting.</summary>
public static partial class DomainXmlFormatter
{
    private static XElement FormatController(ControllerDevice c)
    {
        var ci = CultureInfo.InvariantCulture;
        var el = new XElement(
            "controller",
            new XAttribute("type", c.Type),
            new XAttribute("index", c.Index),
            A("model", c.Model),
            A("ports", c.Ports),
            A("vectors", c.Vectors));
        el.Add(c.ModelName is null ? null : new XElement("model", new XAttribute("name", c.ModelName)));
        if (c.TargetChassisNr is not null || c.TargetChassis is not null || c.TargetPort is not null || c.TargetBusNr is not null
            || c.TargetIndex is not null || c.TargetHotplug is not null || c.TargetNode is not null || c.TargetMemReserve is not null)
        {
            el.Add(new XElement(
                "target",
                A("chassisNr", c.TargetChassisNr),
                A("chassis", c.TargetChassis),
                A("port", c.TargetPort is { } p ? "0x" + p.ToString("x", ci) : null),
                A("busNr", c.TargetBusNr),
                A("index", c.TargetIndex),
                A("hotplug", c.TargetHotplug),
                A("memReserve", c.TargetMemReserve),
                c.TargetNode is { } n ? new XElement("node", n) : null));
        }

        XElement? driver = c.Driver.IsDefaultOrEmpty ? null : new XElement("driver", c.Driver.Select(kv => new XAttribute(kv.Key, kv.Value)));
        el.Add(VirtioDriver(driver, c.Virtio));
        el.Add(c.Extras.Select(NormalizePciHole));
        return el;
    }

    /// <summary>libvirt stores the 64-bit PCI hole in KiB and writes it back that way.</summary>
    private static XElement NormalizePciHole(XElement e)
    {
        if (e.Name.LocalName != "pcihole64" || !ulong.TryParse(e.Value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return e;
        }

        var factor = (string?)e.Attribute("unit") switch
        {
            "MiB" or "M" => 1024UL,
            "GiB" or "G" => 1024UL * 1024,
            "TiB" or "T" => 1024UL * 1024 * 1024,
            "b" or "bytes" => 0UL,
            _ => 1UL,
        };
        var kib = factor == 0 ? value / 1024 : value * factor;
        return new XElement("pcihole64", new XAttribute("unit", "KiB"), kib);
    }
}
