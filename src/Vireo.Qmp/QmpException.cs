using Vireo.Domain.Errors;

namespace Vireo.Qmp;

/// <summary>
/// Root of the QMP errors: a command QEMU rejected, a connection that failed, a
/// command that did not answer in time. Part of Vireo's <see cref="VireoException"/> family.
/// </summary>
public abstract class QmpException : VireoException
{
    protected QmpException(ErrorKind kind, string detail, Exception? inner = null)
        : base(kind, detail, inner)
    {
    }
}
