namespace Vireo.Conformance.Reporting;

/// <summary>One suite's totals in the JSON report.</summary>
public sealed record ReportSuite
{
    public required string Suite { get; init; }

    public int Passed { get; init; }

    public int Failed { get; init; }

    public int Errors { get; init; }

    public int Skipped { get; init; }

    public required IReadOnlyList<ReportCategory> Categories { get; init; }

    /// <summary>State-column settings that could not be applied → number of cases.</summary>
    public required IReadOnlyDictionary<string, int> IgnoredSettings { get; init; }
}
