using System.Collections.Immutable;

namespace Vireo.Conformance;

/// <summary>What to run.</summary>
public sealed record ConformanceOptions
{
    /// <summary>The corpus directory (holding <c>argv.tsv</c>, <c>tests/</c>...).</summary>
    public required string CorpusDir { get; init; }

    /// <summary>Suites to run, in order (default: all).</summary>
    public ImmutableArray<ConformanceSuite> Suites { get; init; } = [.. SuiteNames.All];

    /// <summary>Only cases of this category (exact match), or all when null.</summary>
    public string? Category { get; init; }

    /// <summary>Cases run concurrently (default: processor count).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
