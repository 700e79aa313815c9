using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Vireo.Capabilities;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// Reads, from a libvirt capabilities cache file (<c>caps_*.xml</c>), the elements
/// <see cref="LibvirtCapsXml"/> does not keep: <c>&lt;sev&gt;</c>, <c>&lt;sgx&gt;</c>,
/// <c>&lt;hypervCapabilities&gt;</c> and <c>&lt;kvmSupportsSecureGuest/&gt;</c>.
/// </summary>
public static class QemuCapsExtrasReader
{
    /// <summary>Reads the extra elements of a capabilities file.</summary>
    /// <exception cref="CapabilitiesException">The file cannot be read or is malformed.</exception>
    public static QemuCapsExtras Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = XmlReader.Create(stream, Settings());
            return FromRoot(XDocument.Load(reader).Root, path);
        }
        catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
        {
            throw new CapabilitiesException($"cannot read QEMU capabilities '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads the extra elements from capabilities XML text.</summary>
    /// <exception cref="CapabilitiesException">The text is malformed.</exception>
    public static QemuCapsExtras Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, Settings());
            return FromRoot(XDocument.Load(reader).Root, "<string>");
        }
        catch (XmlException ex)
        {
            throw new CapabilitiesException($"cannot parse QEMU capabilities: {ex.Message}", ex);
        }
    }

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = LibvirtCapsXml.MaxDocumentCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static QemuCapsExtras FromRoot(XElement? root, string source)
    {
        if (root is null || root.Name.LocalName != "qemuCaps")
        {
            throw new CapabilitiesException($"'{source}': root element is not <qemuCaps>");
        }

        return new QemuCapsExtras
        {
            Sev = root.Element("sev") is { } sev ? ReadSev(sev, source) : null,
            Sgx = root.Element("sgx") is { } sgx ? ReadSgx(sgx, source) : null,
            Hyperv = root.Element("hypervCapabilities") is { } hv ? ReadHyperv(hv) : null,
            KvmSupportsSecureGuest = root.Element("kvmSupportsSecureGuest") is not null,
        };
    }

    private static SevCapability ReadSev(XElement sev, string source) => new()
    {
        CBitPos = Int(sev, "cbitpos", source),
        ReducedPhysBits = Int(sev, "reducedPhysBits", source),
        Pdh = sev.Element("pdh")?.Value ?? "",
        CertChain = sev.Element("certChain")?.Value ?? "",
        Cpu0Id = sev.Element("cpu0Id")?.Value,
    };

    private static SgxCapability ReadSgx(XElement sgx, string source)
    {
        var sections = ImmutableArray.CreateBuilder<SgxSection>();
        foreach (var s in sgx.Element("sections")?.Elements("section") ?? [])
        {
            sections.Add(new SgxSection(
                (int)ULong((string?)s.Attribute("node"), "sgx section node", source),
                ULong((string?)s.Attribute("size"), "sgx section size", source)));
        }

        return new SgxCapability
        {
            Flc = YesNo(sgx, "flc"),
            Sgx1 = YesNo(sgx, "sgx1"),
            Sgx2 = YesNo(sgx, "sgx2"),
            SectionSizeKiB = ULong(sgx.Element("section_size")?.Value, "sgx section_size", source),
            Sections = sections.ToImmutable(),
        };
    }

    private static HypervCapability ReadHyperv(XElement hv) => new()
    {
        Supported = (string?)hv.Attribute("supported") == "yes",
        Features = [.. hv.Elements("cap").Select(c => (string?)c.Attribute("name")).OfType<string>()],
    };

    private static bool YesNo(XElement parent, string name) => parent.Element(name)?.Value.Trim() == "yes";

    private static int Int(XElement parent, string name, string source) =>
        int.TryParse(parent.Element(name)?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CapabilitiesException($"'{source}': missing or malformed <{name}> in <{parent.Name.LocalName}>");

    private static ulong ULong(string? text, string what, string source) =>
        ulong.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CapabilitiesException($"'{source}': missing or malformed {what}");
}
