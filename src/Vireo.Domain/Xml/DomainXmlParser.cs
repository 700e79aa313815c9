namespace Vireo.Domain.Xml;

/// <summary>Reads libvirt domain XML into a <see cref="DomainDefinition"/>. (stub: being written)</summary>
public static partial class DomainXmlParser
{
    /// <summary>Parses domain XML text. Throws <see cref="Errors.DomainXmlException"/> on bad input.</summary>
    public static DomainDefinition Parse(string xml, DomainParseOptions? options = null) => throw new NotImplementedException();

    /// <summary>Reads and parses a domain XML file, refusing files larger than the size bound.</summary>
    public static DomainDefinition ParseFile(string path, DomainParseOptions? options = null) => throw new NotImplementedException();
}
