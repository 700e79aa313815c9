using Vireo.Domain;
using Vireo.Domain.Xml;

namespace Vireo.Runtime.Launch;

/// <summary>
/// The live definition kept in the state directory: the running domain's XML with
/// defaults, addresses and aliases (libvirt's live XML), read back for hot-plug.
/// </summary>
public static class LiveDefinition
{
    /// <summary>Formats a running definition (aliases included).</summary>
    public static string Format(DomainDefinition def) =>
        DomainXmlFormatter.Format(def, new DomainFormatOptions { Inactive = false });

    /// <summary>Parses a live definition (aliases kept).</summary>
    public static DomainDefinition Parse(string xml) =>
        DomainXmlParser.Parse(xml, new DomainParseOptions { Inactive = false });
}
