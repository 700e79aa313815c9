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
        el.Add(c.Extras);
        return el;
    }
}
