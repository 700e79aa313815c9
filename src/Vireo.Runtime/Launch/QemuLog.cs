using System.Text;
using System.Text.RegularExpressions;

namespace Vireo.Runtime.Launch;

/// <summary>
/// QEMU's log file: each start appends a header and the command line, then QEMU appends
/// its own output. Errors quote what QEMU said after the latest header.
/// </summary>
public static partial class QemuLog
{
    private const int MaxTailBytes = 64 * 1024;

    /// <summary>Appends a start header and the rendered command line; returns the offset where QEMU's output begins.</summary>
    public static long BeginStart(string logFile, string name, string commandLineText)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(logFile, options);
            var header = $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss.fff}+0000: starting up domain '{name}'\n{commandLineText}";
            if (!header.EndsWith('\n'))
            {
                header += "\n";
            }

            stream.Write(Encoding.UTF8.GetBytes(header));
            stream.Flush();
            return stream.Position;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot write QEMU log '{logFile}': {ex.Message}", ex);
        }
    }

    /// <summary>What QEMU wrote after <paramref name="offset"/> (at most the last 64 KiB).</summary>
    public static string OutputSince(string logFile, long offset)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var start = Math.Max(offset, stream.Length - MaxTailBytes);
            if (start >= stream.Length)
            {
                return "";
            }

            stream.Position = start;
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            return Encoding.UTF8.GetString(buffer);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>
    /// QEMU's error in one line: its <c>qemu-system-*: ...</c> lines (timestamps removed),
    /// else its last non-empty line; empty when it said nothing.
    /// </summary>
    public static string ErrorSummary(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Split('\n')
            .Select(l => Timestamp().Replace(l.TrimEnd('\r'), ""))
            .Where(l => l.Trim().Length > 0)
            .ToList();
        var errors = lines.Where(l => l.StartsWith("qemu-system-", StringComparison.Ordinal) || l.StartsWith("qemu:", StringComparison.Ordinal)).ToList();
        var chosen = errors.Count > 0 ? errors.TakeLast(3) : lines.TakeLast(1);
        return string.Join(" / ", chosen.Select(l => l.Trim()));
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z ", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
