using Vireo.Domain.Errors;

namespace Vireo.Qmp;

/// <summary>
/// The QMP connection could not be established, was closed, or broke (peer hung up,
/// malformed or over-long message). Every command pending at that moment fails with one.
/// </summary>
public sealed class QmpConnectionException : QmpException
{
    public QmpConnectionException(string detail, Exception? inner = null)
        : base(ErrorKind.OperationFailed, detail, inner)
    {
    }
}
