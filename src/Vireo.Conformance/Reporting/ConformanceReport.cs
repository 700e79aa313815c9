using System.Text.Json;

namespace Vireo.Conformance.Reporting;

/// <summary>Turns a <see cref="ConformanceResult"/> into the per-case JSON report.</summary>
public static class ConformanceReport
{
    /// <summary>Builds the report document.</summary>
    public static ReportDocument Create(ConformanceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ReportDocument
        {
            Corpus = result.CorpusDir,
            Category = result.Category,
            ElapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            Suites = [.. result.Suites.Select(ToSuite)],
            Cases = [.. result.Suites.SelectMany(s => s.Cases).Select(ToCase)],
        };
    }

    /// <summary>The report as indented JSON text.</summary>
    public static string ToJson(ConformanceResult result) =>
        JsonSerializer.Serialize(Create(result), ReportJsonContext.Default.ReportDocument);

    /// <summary>Writes the report to a file (UTF-8, no BOM), replacing it.</summary>
    public static void Write(ConformanceResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, Create(result), ReportJsonContext.Default.ReportDocument);
    }

    private static ReportSuite ToSuite(SuiteResult s) => new()
    {
        Suite = SuiteNames.Name(s.Suite),
        Passed = s.Passed,
        Failed = s.Failed,
        Errors = s.Errors,
        Skipped = s.Skipped,
        Categories = [.. s.Categories.Select(c => new ReportCategory(c.Category, c.Passed, c.Total, Math.Round(c.Percent, 1)))],
        IgnoredSettings = s.IgnoredSettings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
    };

    private static ReportCase ToCase(CaseResult c) => new()
    {
        Name = c.Name,
        Label = c.Label.Length == 0 ? null : c.Label,
        Suite = SuiteNames.Name(c.Suite),
        Category = c.Category,
        Row = c.Row,
        Status = SuiteNames.Name(c.Status),
        ExpectedKind = c.ExpectedKind,
        ExpectedFile = c.ExpectedFile.Length == 0 ? null : c.ExpectedFile,
        Phase = SuiteNames.Name(c.Phase),
        PhaseMatched = c.PhaseMatched,
        MessageMatched = c.MessageMatched,
        Message = c.Message,
        FirstDifference = c.Difference is { } d ? new ReportDifference(d.Line, d.Expected, d.Actual) : null,
    };
}
