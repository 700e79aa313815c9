namespace Vireo.Cli;

/// <summary>
/// Ends <c>display-check</c> with its own exit code (its 1 and 2 mean degraded and broken):
/// 3 when the domain could not be checked (bad arguments, missing or unparsable file, a
/// binary that cannot be probed or booted), 4 when <c>--verify</c> contradicts the prediction.
/// </summary>
internal sealed class DisplayCheckException : Exception
{
    public DisplayCheckException(int exitCode, string message, Exception? inner = null)
        : base(message, inner) => ExitCode = exitCode;

    public DisplayCheckException()
    {
    }

    public DisplayCheckException(string message)
        : base(message)
    {
    }

    public DisplayCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = DisplayCheckCommand.CannotCheck;
}
