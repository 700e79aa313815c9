using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Vireo.Cli;

/// <summary>
/// What a cached probe of a QEMU binary is valid for, as libvirt's capabilities cache checks it:
/// the same binary path, the binary unchanged (modification time and size), the same
/// Vireo build (the prober's and the snapshot format's assemblies) and the same KVM
/// availability. Stored in the cache entry as a <c>&lt;vireoCache&gt;</c> element that
/// capabilities readers ignore.
/// </summary>
internal sealed record ProbeCacheKey(string Binary, DateTime ModifiedUtc, long Size, string Build, bool KvmUsable)
{
    /// <summary>The element name inside the cached <c>&lt;qemuCaps&gt;</c> document.</summary>
    public const string ElementName = "vireoCache";

    /// <summary>The key for a binary as it is now (a symbolic link is followed to the file it names).</summary>
    public static ProbeCacheKey Of(string binary, string build, bool kvmUsable)
    {
        var info = new FileInfo(binary);
        var target = info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo resolved ? resolved : info;
        return new ProbeCacheKey(binary, target.LastWriteTimeUtc, target.Length, build, kvmUsable);
    }

    /// <summary>The key as one XML element.</summary>
    public string ToXml() =>
        new XElement(
            ElementName,
            new XAttribute("binary", Binary),
            new XAttribute("mtime", ModifiedUtc.ToString("o", CultureInfo.InvariantCulture)),
            new XAttribute("size", Size.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("build", Build),
            new XAttribute("kvm", KvmUsable ? "yes" : "no")).ToString(SaveOptions.DisableFormatting);

    /// <summary>
    /// Reads the key from a cached document: the first child of its root element. Null when
    /// it is missing or malformed.
    /// </summary>
    /// <exception cref="XmlException">The document is not well-formed up to the key.</exception>
    public static ProbeCacheKey? Read(string document)
    {
        using var text = new StringReader(document);
        using var reader = XmlReader.Create(text, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
        });
        if (reader.MoveToContent() != XmlNodeType.Element || !reader.Read() || reader.NodeType != XmlNodeType.Element || reader.LocalName != ElementName)
        {
            return null;
        }

        var binary = reader.GetAttribute("binary");
        var build = reader.GetAttribute("build");
        var kvm = reader.GetAttribute("kvm");
        if (binary is null || build is null || kvm is not ("yes" or "no")
            || !DateTime.TryParseExact(reader.GetAttribute("mtime"), "o", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var mtime)
            || !long.TryParse(reader.GetAttribute("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        return new ProbeCacheKey(binary, mtime.ToUniversalTime(), size, build, kvm == "yes");
    }
}
