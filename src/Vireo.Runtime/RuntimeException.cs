using Vireo.Domain.Errors;

namespace Vireo.Runtime;

/// <summary>
/// A guest operation could not be done: QEMU failed to start or died, the state directory
/// is unusable, the domain is not running or is busy, a device cannot be hot-plugged.
/// The message is one line and says what to do where there is something to do.
/// </summary>
public sealed class RuntimeException : VireoException
{
    public RuntimeException(string detail)
        : base(ErrorKind.OperationFailed, detail)
    {
    }

    public RuntimeException(string detail, Exception? inner)
        : base(ErrorKind.OperationFailed, detail, inner)
    {
    }

    public RuntimeException(ErrorKind kind, string detail, Exception? inner = null)
        : base(kind, detail, inner)
    {
    }
}
