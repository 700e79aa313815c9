using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Writes a <see cref="DomainDefinition"/> as libvirt-normalised domain XML.</summary>
public static partial class DomainXmlFormatter
{
    // libvirt's order of top-level elements; unknown extras go just before <devices>' successors.
    private static readonly string[] TopLevelOrder =
    [
        "name", "uuid", "genid", "title", "description", "metadata", "maxMemory", "memory", "currentMemory",
        "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads", "iothreadids", "defaultiothread",
        "cputune", "numatune", "resource", "sysinfo", "bootloader", "bootloader_args", "os", "idmap", "features",
        "cpu", "clock", "on_poweroff", "on_reboot", "on_crash", "on_lockfailure", "pm", "perf", "devices",
        "seclabel", "keywrap", "launchSecurity",
    ];

    // libvirt's order of device kinds inside <devices>.
    private static readonly string[] DeviceOrder =
    [
        "disk", "controller", "lease", "filesystem", "interface", "smartcard", "serial", "parallel", "console",
        "channel", "input", "tpm", "graphics", "sound", "audio", "video", "hostdev", "redirdev", "redirfilter",
        "hub", "watchdog", "memballoon", "rng", "nvram", "panic", "shmem", "memory", "iommu", "vsock", "crypto",
    ];

    /// <summary>Formats the definition; output ends with a newline.</summary>
    public static string Format(DomainDefinition def, DomainFormatOptions? options = null)
    {
        options ??= DomainFormatOptions.Default;
        var sb = new StringBuilder(8192);
        sb.Append("<domain type='").Append(def.VirtType).Append('\'');
        if (!options.Inactive && def.Id is { } id)
        {
            sb.Append(" id='").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\'');
        }

        // Namespace declarations of foreign top-level extras (qemu:commandline...).
        foreach (var ns in def.Extras.Where(e => e.Name.NamespaceName.Length != 0).Select(e => e.Name.Namespace).Distinct())
        {
            var prefix = NamespacePrefix(def.Extras.First(e => e.Name.Namespace == ns));
            sb.Append(" xmlns:").Append(prefix).Append("='").Append(ns.NamespaceName).Append('\'');
        }

        sb.Append(">\n");

        foreach (var el in TopLevel(def, options))
        {
            if (el.Name.NamespaceName.Length != 0)
            {
                WriteForeignTopLevel(sb, el);
            }
            else
            {
                LibvirtXmlWriter.Write(sb, el, 1);
            }
        }

        sb.Append("</domain>\n");
        return sb.ToString();
    }

    private static void WriteForeignTopLevel(StringBuilder sb, XElement el)
    {
        // libvirt writes its own namespaces (qemu:commandline...) in its single-quote style.
        var prefix = NamespacePrefix(el);
        var copy = new XElement(el.Name.LocalName, el.Attributes().Where(a => !a.IsNamespaceDeclaration));
        foreach (var n in el.Nodes())
        {
            copy.Add(Unqualify(n));
        }

        var text = new StringBuilder();
        LibvirtXmlWriter.Write(text, copy, 1);
        sb.Append(PrefixNames(text.ToString(), prefix));
    }

    /// <summary>The prefix a foreign element is written with (libvirt's own QEMU namespace is always 'qemu').</summary>
    private static string NamespacePrefix(XElement el) =>
        el.Name.Namespace == DomainXmlParser.QemuNamespace ? "qemu" : el.GetPrefixOfNamespace(el.Name.Namespace) ?? "ns";

    private static object Unqualify(XNode n) => n is XElement e
        ? new XElement(e.Name.LocalName, e.Attributes().Where(a => !a.IsNamespaceDeclaration), e.Nodes().Select(Unqualify))
        : n;

    private static string PrefixNames(string text, string prefix)
    {
        var sb = new StringBuilder(text.Length + 64);
        for (var i = 0; i < text.Length; i++)
        {
            sb.Append(text[i]);
            if (text[i] == '<')
            {
                if (i + 1 < text.Length && text[i + 1] == '/')
                {
                    sb.Append('/');
                    i++;
                }

                sb.Append(prefix).Append(':');
            }
        }

        return sb.ToString();
    }

    private static IEnumerable<XElement> TopLevel(DomainDefinition def, DomainFormatOptions options)
    {
        var list = new List<(int Rank, int Seq, XElement El)>();
        var seq = 0;
        void Add(XElement? el)
        {
            if (el is null)
            {
                return;
            }

            var rank = Array.IndexOf(TopLevelOrder, el.Name.LocalName);
            if (el.Name.NamespaceName.Length != 0)
            {
                rank = TopLevelOrder.Length + 1;
            }
            else if (rank < 0)
            {
                rank = TopLevelOrder.Length;
            }

            list.Add((rank, seq++, el));
        }

        Add(new XElement("name", def.Name));
        Add(def.Uuid is null ? null : new XElement("uuid", def.Uuid));
        Add(def.GenId is null ? null : new XElement("genid", def.GenId));
        Add(def.Title is null ? null : new XElement("title", def.Title));
        Add(def.Description is null ? null : new XElement("description", def.Description));
        Add(def.Metadata);
        if (def.MaxMemoryKiB is { } maxMem)
        {
            Add(new XElement("maxMemory", A("slots", def.MaxMemorySlots), new XAttribute("unit", "KiB"), maxMem));
        }

        Add(new XElement("memory", A("dumpCore", def.MemoryDumpCore), new XAttribute("unit", "KiB"), def.MemoryKiB));
        Add(new XElement("currentMemory", new XAttribute("unit", "KiB"), def.CurrentMemoryKiB));
        Add(def.MemoryBacking);
        Add(FormatVcpu(def.Vcpu));
        Add(FormatOs(def.Os));
        if (def.HasFeaturesElement || !def.Features.IsDefaultOrEmpty)
        {
            Add(new XElement("features", def.Features));
        }

        Add(def.Cpu is null ? null : FormatCpu(def.Cpu));
        Add(FormatClock(def.Clock));
        Add(new XElement("on_poweroff", def.OnPoweroff ?? "destroy"));
        Add(new XElement("on_reboot", def.OnReboot ?? "restart"));
        Add(new XElement("on_crash", def.OnCrash ?? "destroy"));
        Add(def.OnLockFailure is null ? null : new XElement("on_lockfailure", def.OnLockFailure));
        Add(def.Pm);
        Add(FormatDevices(def, options));
        foreach (var e in def.Extras)
        {
            Add(e.Name.LocalName == "seclabel" && e.Name.NamespaceName.Length == 0 ? FormatSeclabel(e, options) : e);
        }

        return list.OrderBy(t => t.Rank).ThenBy(t => t.Seq).Select(t => t.El);
    }

    /// <summary>
    /// A domain &lt;seclabel&gt;: the inactive definition carries no image label, and no label
    /// for a dynamically labelled domain (libvirt virSecurityLabelDefFormat).
    /// </summary>
    private static XElement FormatSeclabel(XElement seclabel, DomainFormatOptions options)
    {
        if (!options.Inactive)
        {
            return seclabel;
        }

        var copy = new XElement(seclabel);
        copy.Elements("imagelabel").Remove();
        if ((string?)copy.Attribute("type") == "dynamic")
        {
            copy.Elements("label").Remove();
        }

        return copy;
    }

    /// <summary>An attribute, or null when the value is null (XElement ignores nulls).</summary>
    internal static XAttribute? A(string name, object? value) => value switch
    {
        null => null,
        string s => new XAttribute(name, s),
        bool b => new XAttribute(name, b ? "yes" : "no"),
        IFormattable f => new XAttribute(name, f.ToString(null, CultureInfo.InvariantCulture)),
        _ => new XAttribute(name, value.ToString()!),
    };

    private static XElement FormatVcpu(VcpuConfig v) => new(
        "vcpu",
        new XAttribute("placement", v.Placement ?? "static"),
        A("cpuset", v.CpuSet),
        A("current", v.Current is { } c && c != v.Count ? c : null),
        v.Count);

    private static XElement FormatClock(ClockConfig c)
    {
        // libvirt writes only what the offset kind uses (virDomainClockDefFormat).
        var offset = c.Offset ?? "utc";
        var el = new XElement("clock", new XAttribute("offset", offset));
        switch (offset)
        {
            case "utc" or "localtime":
                el.Add(A("adjustment", c.Adjustment == "reset" ? "reset" : null));
                break;
            case "variable":
                el.Add(new XAttribute("adjustment", c.Adjustment ?? "0"), new XAttribute("basis", c.Basis ?? "utc"));
                break;
            case "timezone":
                el.Add(A("timezone", c.Timezone));
                break;
            case "absolute":
                el.Add(A("start", c.Start));
                break;
            default:
                break;
        }

        el.Add(c.Timers);
        return el;
    }

    private static XElement FormatDevices(DomainDefinition def, DomainFormatOptions options)
    {
        var el = new XElement("devices");
        if (def.Emulator is not null)
        {
            el.Add(new XElement("emulator", def.Emulator));
        }

        var ordered = def.Devices
            .Select((d, i) => (Dev: d, Seq: i, Rank: RankOf(d.ElementName)))
            .OrderBy(t => t.Rank).ThenBy(t => t.Seq);
        foreach (var (dev, _, _) in ordered)
        {
            el.Add(FormatDevice(dev, options));
        }

        el.Add(def.DeviceExtras);
        return el;
    }

    private static int RankOf(string element)
    {
        var r = Array.IndexOf(DeviceOrder, element);
        return r < 0 ? DeviceOrder.Length : r;
    }
}
