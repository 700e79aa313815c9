using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Character device formatting.</summary>
public static partial class DomainXmlFormatter
{
    private static XElement FormatChardev(ChardevDevice ch, DomainFormatOptions options)
    {
        var el = new XElement(ch.Kind, new XAttribute("type", ch.SourceType));
        if (!options.Inactive && ch.SourceType == "pty" && ch.Tty is not null)
        {
            el.Add(new XAttribute("tty", ch.Tty));
        }

        // A UNIX socket whose path the engine generates has no <source> to write back.
        el.Add(ch.SourceType switch
        {
            "unix" => ch.Sources.Where(src => src.Attribute("path") is not null),
            "qemu-vdagent" => ch.Sources.Select(VdagentSource),
            _ => ch.Sources,
        });
        el.Add(ch.Protocol is null && ch.SourceType != "tcp" ? null : new XElement("protocol", new XAttribute("type", ch.Protocol ?? "raw")));
        el.Add(ch.Log);
        if (ch.TargetType is not null || ch.TargetPort is not null || ch.TargetName is not null || ch.TargetAddress is not null || ch.TargetModel is not null)
        {
            var t = new XElement(
                "target",
                A("type", ch.TargetType),
                A("address", ch.TargetAddress),
                A("name", ch.TargetName),
                A("state", options.Inactive ? null : ch.TargetState),
                A("port", ch.TargetPort));
            if (ch.TargetModel is not null)
            {
                t.Add(new XElement("model", new XAttribute("name", ch.TargetModel)));
            }

            el.Add(t);
        }

        el.Add(ch.Extras);
        return el;
    }

    /// <summary>The qemu-vdagent &lt;source&gt; in libvirt's order: clipboard, then mouse.</summary>
    private static XElement VdagentSource(XElement src) =>
        new(src.Name, src.Attributes(), src.Elements("clipboard"), src.Elements("mouse"), src.Elements().Where(e => e.Name.LocalName is not ("clipboard" or "mouse")));
}
