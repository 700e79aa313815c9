using System.Collections.Immutable;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>Character device parsing.</summary>
public static partial class DomainXmlParser
{
    private static ChardevDevice ParseChardev(XElement el)
    {
        var kind = el.Name.LocalName;
        var target = el.Element("target");
        return new ChardevDevice
        {
            Kind = kind,
            SourceType = Enum(el, "type", ["null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus"]) ?? "pty",
            Tty = Attr(el, "tty"),
            Sources = [.. el.Elements("source").Select(Clean)],
            Protocol = el.Element("protocol") is { } p ? Attr(p, "type") : null,
            TargetType = target is null ? null : Attr(target, "type"),
            TargetPort = target is null ? null : Int(target, "port"),
            TargetName = target is null ? null : Attr(target, "name"),
            TargetAddress = target is null ? null : Attr(target, "address"),
            TargetState = target is null ? null : Attr(target, "state"),
            TargetModel = target?.Element("model") is { } tm ? Attr(tm, "name") : null,
            Log = el.Element("log") is { } log ? Clean(log) : null,
            Extras = Others(el, [.. InfoChildren, "source", "protocol", "target", "log"]),
        };
    }
}
