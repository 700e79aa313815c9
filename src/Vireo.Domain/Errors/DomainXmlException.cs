namespace Vireo.Domain.Errors;

/// <summary>
/// The domain XML could not be read: malformed text, hostile constructs, a missing
/// required element, an unknown enum value. Carries where in the document it happened.
/// </summary>
public sealed class DomainXmlException : VireoException
{
    public DomainXmlException(string detail, string? location = null, int? line = null, Exception? inner = null)
        : base(ErrorKind.XmlError, detail, inner)
    {
        Location = location;
        Line = line;
    }

    /// <summary>Path of the offending element/attribute, e.g. <c>/domain/devices/video[1]/model/@type</c>.</summary>
    public string? Location { get; }

    /// <summary>1-based line number in the input, when known.</summary>
    public int? Line { get; }
}
