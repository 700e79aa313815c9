using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>Filesystem (shared directory) parsing.</summary>
public static partial class DomainXmlParser
{
    private static FilesystemDevice ParseFilesystem(XElement el)
    {
        var type = Enum(el, "type", ["mount", "block", "file", "template", "ram", "bind", "volume"]) ?? "mount";
        var driver = el.Element("driver");
        var source = el.Element("source");
        var target = el.Element("target");
        string? path = null;
        string? socket = null;
        XElement? verbatim = null;
        if (source is not null)
        {
            switch (type)
            {
                case "mount" or "bind":
                    path = Attr(source, "dir");
                    socket = Attr(source, "socket");
                    break;
                case "block":
                    path = Attr(source, "dev");
                    break;
                case "file":
                    path = Attr(source, "file");
                    break;
                case "template":
                    path = Attr(source, "name");
                    break;
                default:
                    verbatim = Clean(source);
                    break;
            }
        }

        var targetDir = target is null ? null : Attr(target, "dir");
        if (targetDir is null)
        {
            throw Error(el, "missing target information for filesystem");
        }

        return new FilesystemDevice
        {
            Type = type,
            AccessMode = Enum(el, "accessmode", ["default", "passthrough", "mapped", "squash"]) is { } am && am != "default" ? am : null,
            Model = Enum(el, "model", ["virtio", "virtio-transitional", "virtio-non-transitional"]),
            Multidevs = Enum(el, "multidevs", ["default", "remap", "forbid", "warn"]) is { } md && md != "default" ? md : null,
            FileMode = OctalMode(el, "fmode"),
            DirMode = OctalMode(el, "dmode"),
            DriverType = driver is null ? null : Enum(driver, "type", ["default", "path", "handle", "loop", "nbd", "ploop", "virtiofs"]) is { } dt && dt != "default" ? dt : null,
            DriverFormat = driver is null ? null : Attr(driver, "format"),
            WritePolicy = driver is null ? null : Enum(driver, "wrpolicy", ["default", "immediate"]) is { } wp && wp != "default" ? wp : null,
            QueueSize = driver is null ? null : ULong(driver, "queue"),
            Virtio = ParseVirtio(driver),
            Binary = el.Element("binary") is { } b ? Clean(b) : null,
            SourcePath = path,
            SourceSocket = socket,
            SourceElement = verbatim,
            TargetDir = targetDir,
            ReadOnly = el.Element("readonly") is not null,
            Extras = Others(el, [.. InfoChildren, "driver", "binary", "source", "target", "readonly"]),
        };
    }

    private static uint OctalMode(XElement el, string name)
    {
        var text = Attr(el, name);
        if (text is null)
        {
            return 0;
        }

        uint value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '7' || value > 0777)
            {
                throw Error(el, $"invalid {name} '{text}'");
            }

            value = (value * 8) + (uint)(c - '0');
        }

        if (value > 0777)
        {
            throw Error(el, $"{name} must be between 0000 and 0777, not '{value.ToString(CultureInfo.InvariantCulture)}'");
        }

        return value;
    }
}
