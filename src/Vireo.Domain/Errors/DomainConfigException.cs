namespace Vireo.Domain.Errors;

/// <summary>
/// The domain is well-formed but its configuration is refused: by validation, by
/// the capabilities of the QEMU binary, or while building the command line.
/// The message says what to change.
/// </summary>
public sealed class DomainConfigException : VireoException
{
    public DomainConfigException(ErrorKind kind, string detail, Exception? inner = null)
        : base(kind, detail, inner)
    {
    }

    /// <summary>Shorthand for an "unsupported configuration" refusal.</summary>
    public static DomainConfigException Unsupported(string detail) => new(ErrorKind.ConfigUnsupported, detail);

    /// <summary>Shorthand for an "XML error" found after parsing (post-parse validation).</summary>
    public static DomainConfigException Xml(string detail) => new(ErrorKind.XmlError, detail);

    /// <summary>Shorthand for an "internal error".</summary>
    public static DomainConfigException Internal(string detail) => new(ErrorKind.InternalError, detail);
}
