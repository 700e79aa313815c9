namespace Vireo.Domain.Xml;

/// <summary>Writes a <see cref="DomainDefinition"/> as libvirt-normalised domain XML. (stub: being written)</summary>
public static partial class DomainXmlFormatter
{
    /// <summary>Formats the definition; output ends with a newline.</summary>
    public static string Format(DomainDefinition def, DomainFormatOptions? options = null) => throw new NotImplementedException();
}
