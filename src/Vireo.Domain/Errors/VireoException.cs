namespace Vireo.Domain.Errors;

/// <summary>
/// Root of Vireo's exception family. Every refusal Vireo makes on purpose derives
/// from it; anything else escaping the library is a bug.
/// </summary>
public abstract class VireoException : Exception
{
    protected VireoException(ErrorKind kind, string detail, Exception? inner = null)
        : base(FormatMessage(kind, MessageText.Sanitize(detail)), inner)
    {
        Kind = kind;
        Detail = MessageText.Sanitize(detail);
    }

    /// <summary>The class of error.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The message without its class prefix: one line, control characters escaped, at most about 512 characters.</summary>
    public string Detail { get; }

    /// <summary>The prefix libvirt prints for an error of this kind.</summary>
    public static string Prefix(ErrorKind kind) => kind switch
    {
        ErrorKind.XmlError => "XML error",
        ErrorKind.ConfigUnsupported => "unsupported configuration",
        ErrorKind.InternalError => "internal error",
        ErrorKind.OperationFailed => "operation failed",
        ErrorKind.InvalidArgument => "invalid argument",
        ErrorKind.OperationUnsupported => "Operation not supported",
        _ => "error",
    };

    private static string FormatMessage(ErrorKind kind, string detail) => Prefix(kind) + ": " + detail;
}
