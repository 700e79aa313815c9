using System.Collections.Immutable;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>Disk parsing.</summary>
public static partial class DomainXmlParser
{
    private static DiskDevice ParseDisk(XElement el)
    {
        var type = Enum(el, "type", DiskTypes) ?? "file";
        var device = Enum(el, "device", DiskDevices) ?? "disk";
        var driver = el.Element("driver");
        var target = el.Element("target") ?? throw Error(el, "missing target information for device " + ((string?)el.Element("source")?.Attribute("file") ?? (string?)el.Element("source")?.Attribute("dev") ?? ""));
        return new DiskDevice
        {
            Type = type,
            Device = device,
            Model = Attr(el, "model"),
            Snapshot = Attr(el, "snapshot"),
            Sgio = Attr(el, "sgio"),
            Rawio = Attr(el, "rawio"),
            Driver = driver is null ? [] : Attributes(driver),
            DriverChildren = driver is null ? [] : [.. driver.Elements().Select(Clean)],
            Source = el.Element("source") is { } s ? Clean(s) : null,
            TargetDev = Attr(target, "dev") ?? throw Error(target, "missing target dev"),
            TargetBus = Enum(target, "bus", ["ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd", "none"]),
            TargetTray = Attr(target, "tray"),
            TargetRemovable = Attr(target, "removable"),
            TargetRotationRate = Attr(target, "rotation_rate"),
            ReadOnly = el.Element("readonly") is not null,
            Shareable = el.Element("shareable") is not null,
            Transient = el.Element("transient") is not null,
            Serial = Text(el.Element("serial")),
            Wwn = Text(el.Element("wwn")),
            Vendor = Text(el.Element("vendor")),
            Product = Text(el.Element("product")),
            Extras = Others(el, [.. InfoChildren, "driver", "source", "target", "readonly", "shareable", "transient", "serial", "wwn", "vendor", "product"]),
        };
    }
}
