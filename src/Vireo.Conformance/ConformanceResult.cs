using System.Collections.Immutable;

namespace Vireo.Conformance;

/// <summary>The outcome of a conformance run: one result per suite run, in run order.</summary>
public sealed record ConformanceResult
{
    /// <summary>The corpus directory that was run.</summary>
    public required string CorpusDir { get; init; }

    /// <summary>Category filter in force, if any.</summary>
    public string? Category { get; init; }

    public required ImmutableArray<SuiteResult> Suites { get; init; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The result of a suite, or null when it was not run.</summary>
    public SuiteResult? For(ConformanceSuite suite) => Suites.FirstOrDefault(s => s.Suite == suite);
}
