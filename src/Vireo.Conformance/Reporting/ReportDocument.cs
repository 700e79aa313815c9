namespace Vireo.Conformance.Reporting;

/// <summary>The JSON report: run summary, suite scores and every case, in run order.</summary>
public sealed record ReportDocument
{
    public required string Corpus { get; init; }

    public string? Category { get; init; }

    public double ElapsedSeconds { get; init; }

    public required IReadOnlyList<ReportSuite> Suites { get; init; }

    public required IReadOnlyList<ReportCase> Cases { get; init; }
}
