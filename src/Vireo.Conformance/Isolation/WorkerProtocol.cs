using System.Globalization;
using System.Text.Json;

namespace Vireo.Conformance.Isolation;

/// <summary>
/// The line protocol between the isolating parent and a conformance worker process.
/// Parent → worker (stdin): one TSV row number per line. Worker → parent (stdout):
/// <c>start ROW</c> just before a case runs, <c>done JSON</c> when it finished.
/// </summary>
public static class WorkerProtocol
{
    private const string StartPrefix = "start ";
    private const string DonePrefix = "done ";

    /// <summary>The line announcing that the case at <paramref name="row"/> starts.</summary>
    public static string StartLine(int row) => StartPrefix + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>The line carrying a finished case's result.</summary>
    public static string DoneLine(CaseResult result) =>
        DonePrefix + JsonSerializer.Serialize(result, WorkerJsonContext.Default.CaseResult);

    /// <summary>Parses a <c>start</c> line.</summary>
    public static bool TryParseStart(string line, out int row)
    {
        row = 0;
        return line is not null
            && line.StartsWith(StartPrefix, StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(StartPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out row);
    }

    /// <summary>Parses a <c>done</c> line; null when the line is not one (or is garbled).</summary>
    public static CaseResult? TryParseDone(string line)
    {
        if (line is null || !line.StartsWith(DonePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(line.AsSpan(DonePrefix.Length), WorkerJsonContext.Default.CaseResult);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads row numbers, one per line, until end of input; other lines are ignored.</summary>
    public static IReadOnlyList<int> ReadRows(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rows = new List<int>();
        while (input.ReadLine() is { } line)
        {
            if (int.TryParse(line.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var row))
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
