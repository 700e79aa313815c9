namespace Vireo.Conformance.Reporting;

/// <summary>One case in the JSON report.</summary>
public sealed record ReportCase
{
    public required string Name { get; init; }

    public string? Label { get; init; }

    public required string Suite { get; init; }

    public required string Category { get; init; }

    public int Row { get; init; }

    /// <summary>pass, fail, error or skipped.</summary>
    public required string Status { get; init; }

    public required string ExpectedKind { get; init; }

    public string? ExpectedFile { get; init; }

    /// <summary>setup, parse, build, render, format, compare or not-run.</summary>
    public required string Phase { get; init; }

    public bool? PhaseMatched { get; init; }

    public bool? MessageMatched { get; init; }

    public string? Message { get; init; }

    public ReportDifference? FirstDifference { get; init; }
}
