using System.Collections.Immutable;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>Controller parsing.</summary>
public static partial class DomainXmlParser
{
    private static ControllerDevice ParseController(XElement el)
    {
        var type = Enum(el, "type", ControllerTypes) ?? throw Error(el, "missing controller type");
        var idxText = Attr(el, "index");
        var index = -1;
        if (idxText is not null)
        {
            if (!TryParseLong(idxText, out var iv) || iv < 0 || iv > int.MaxValue)
            {
                throw Error(el, $"Cannot parse controller index {idxText}");
            }

            index = (int)iv;
        }

        var target = el.Element("target");
        var driver = el.Element("driver");
        return new ControllerDevice
        {
            Type = type,
            Index = index,
            Model = Attr(el, "model"),
            Ports = UInt(el, "ports"),
            Vectors = UInt(el, "vectors"),
            ModelName = el.Element("model") is { } m ? Attr(m, "name") : null,
            TargetChassisNr = target is null ? null : Int(target, "chassisNr"),
            TargetChassis = target is null ? null : Int(target, "chassis"),
            TargetPort = target is null ? null : Int(target, "port"),
            TargetBusNr = target is null ? null : Int(target, "busNr"),
            TargetIndex = target is null ? null : Int(target, "index"),
            TargetHotplug = target is null ? null : Attr(target, "hotplug"),
            TargetNode = target?.Element("node") is { } node ? (TryParseLong(node.Value.Trim(), out var n) ? (int)n : throw Error(node, "invalid node")) : null,
            TargetMemReserve = target is null ? null : ULong(target, "memReserve"),
            MasterStartPort = el.Element("master") is { } master ? Int(master, "startport") : null,
            Driver = driver is null ? [] : Attributes(driver, "iommu", "ats", "packed", "page_per_vq"),
            Virtio = ParseVirtio(driver),
            Extras = Others(el, [.. InfoChildren, "model", "target", "master", "driver"]),
        };
    }
}
