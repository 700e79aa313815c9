using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Disk formatting.</summary>
public static partial class DomainXmlFormatter
{
    private static XElement FormatDisk(DiskDevice d)
    {
        var el = new XElement(
            "disk",
            new XAttribute("type", d.Type),
            new XAttribute("device", d.Device),
            A("model", d.Model),
            A("rawio", d.Rawio),
            A("sgio", d.Sgio),
            A("snapshot", d.Snapshot));
        if (!d.Driver.IsDefaultOrEmpty || !d.DriverChildren.IsDefaultOrEmpty)
        {
            var drv = new XElement("driver", OrderAttrs(d.Driver, DiskDriverOrder));
            drv.Add(d.DriverChildren);
            el.Add(drv);
        }

        el.Add(d.Extras.Where(e => e.Name.LocalName == "auth"));
        el.Add(d.Source);
        el.Add(d.Extras.Where(e => e.Name.LocalName == "backingStore"));
        el.Add(new XElement("target", new XAttribute("dev", d.TargetDev!), A("bus", d.TargetBus), A("tray", d.TargetTray), A("removable", d.TargetRemovable), A("rotation_rate", d.TargetRotationRate)));
        el.Add(d.Extras.Where(e => e.Name.LocalName is "iotune" or "blockio" or "geometry"));
        el.Add(d.ReadOnly ? new XElement("readonly") : null);
        el.Add(d.Shareable ? new XElement("shareable") : null);
        el.Add(d.Transient ? new XElement("transient") : null);
        el.Add(d.Serial is null ? null : new XElement("serial", d.Serial));
        el.Add(d.Wwn is null ? null : new XElement("wwn", d.Wwn));
        el.Add(d.Vendor is null ? null : new XElement("vendor", d.Vendor));
        el.Add(d.Product is null ? null : new XElement("product", d.Product));
        el.Add(d.Extras.Where(e => e.Name.LocalName is not ("auth" or "backingStore" or "iotune" or "blockio" or "geometry")));
        return el;
    }

    private static IEnumerable<XAttribute> OrderAttrs(ImmutableArray<KeyValuePair<string, string>> attrs, string[] order) =>
        attrs.OrderBy(kv => Array.IndexOf(order, kv.Key) is var i && i < 0 ? order.Length : i).Select(kv => new XAttribute(kv.Key, kv.Value));
}
