using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Filesystem formatting, in libvirt's order (virDomainFSDefFormat).</summary>
public static partial class DomainXmlFormatter
{
    private static XElement FormatFilesystem(FilesystemDevice fs)
    {
        static string Octal(uint mode) => Convert.ToString(mode, 8).PadLeft(4, '0');

        var el = new XElement(
            "filesystem",
            new XAttribute("type", fs.Type),
            A("accessmode", fs.AccessMode),
            A("model", fs.Model),
            A("multidevs", fs.Multidevs),
            A("fmode", fs.FileMode > 0 ? Octal(fs.FileMode) : null),
            A("dmode", fs.DirMode > 0 ? Octal(fs.DirMode) : null));

        var driver = new XElement(
            "driver",
            A("type", fs.DriverType),
            A("format", fs.DriverFormat),
            A("wrpolicy", fs.WritePolicy),
            A("queue", fs.QueueSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            A("iommu", fs.Virtio.Iommu),
            A("ats", fs.Virtio.Ats),
            A("packed", fs.Virtio.Packed),
            A("page_per_vq", fs.Virtio.PagePerVq));
        el.Add(driver.HasAttributes ? driver : null);
        el.Add(fs.Binary);

        switch (fs.Type)
        {
            case "mount" or "bind":
                el.Add(fs.SourceSocket is { } sock
                    ? new XElement("source", new XAttribute("socket", sock))
                    : fs.SourcePath is { } dir ? new XElement("source", new XAttribute("dir", dir)) : null);
                break;
            case "block":
                el.Add(fs.SourcePath is { } dev ? new XElement("source", new XAttribute("dev", dev)) : null);
                break;
            case "file":
                el.Add(fs.SourcePath is { } file ? new XElement("source", new XAttribute("file", file)) : null);
                break;
            case "template":
                el.Add(fs.SourcePath is { } name ? new XElement("source", new XAttribute("name", name)) : null);
                break;
            default:
                el.Add(fs.SourceElement);
                break;
        }

        el.Add(new XElement("target", new XAttribute("dir", fs.TargetDir ?? "")));
        el.Add(fs.Extras.Where(e => e.Name.LocalName == "idmap"));
        el.Add(fs.ReadOnly ? new XElement("readonly") : null);
        el.Add(fs.Extras.Where(e => e.Name.LocalName != "idmap"));
        return el;
    }
}
