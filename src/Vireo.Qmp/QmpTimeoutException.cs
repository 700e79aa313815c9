using Vireo.Domain.Errors;

namespace Vireo.Qmp;

/// <summary>A QMP exchange (greeting, command reply) did not complete within its time limit.</summary>
public sealed class QmpTimeoutException : QmpException
{
    public QmpTimeoutException(string what, TimeSpan limit)
        : base(ErrorKind.OperationFailed, $"{what} timed out after {limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s")
    {
        Limit = limit;
    }

    /// <summary>The time limit that expired.</summary>
    public TimeSpan Limit { get; }
}
