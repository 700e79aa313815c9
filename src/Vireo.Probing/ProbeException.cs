using Vireo.Domain.Errors;

namespace Vireo.Probing;

/// <summary>A probe could not be done: the binary is missing, QEMU failed to start or answer, a time limit expired.</summary>
public sealed class ProbeException : VireoException
{
    public ProbeException(string detail)
        : base(ErrorKind.OperationFailed, detail)
    {
    }

    public ProbeException(string detail, Exception? inner)
        : base(ErrorKind.OperationFailed, detail, inner)
    {
    }
}
