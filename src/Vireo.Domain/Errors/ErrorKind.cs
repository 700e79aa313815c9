namespace Vireo.Domain.Errors;

/// <summary>
/// The class of a refusal, mirroring libvirt's error codes so that messages carry
/// the same prefix users already know ("unsupported configuration: ...").
/// </summary>
public enum ErrorKind
{
    /// <summary>Malformed or semantically invalid domain XML ("XML error").</summary>
    XmlError,

    /// <summary>Valid XML asking for something this host/binary cannot do ("unsupported configuration").</summary>
    ConfigUnsupported,

    /// <summary>Vireo could not decide something it needed to ("internal error").</summary>
    InternalError,

    /// <summary>An operation on a resource failed ("operation failed").</summary>
    OperationFailed,

    /// <summary>An argument was out of range ("invalid argument").</summary>
    InvalidArgument,

    /// <summary>The operation itself is not supported ("Operation not supported").</summary>
    OperationUnsupported,
}
