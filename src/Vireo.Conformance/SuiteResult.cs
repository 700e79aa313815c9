using System.Collections.Immutable;

namespace Vireo.Conformance;

/// <summary>The outcome of one suite: cases in TSV order, totals and per-category scores.</summary>
public sealed record SuiteResult
{
    public required ConformanceSuite Suite { get; init; }

    /// <summary>Case results, in TSV order.</summary>
    public required ImmutableArray<CaseResult> Cases { get; init; }

    /// <summary>Cases that passed.</summary>
    public int Passed => Cases.Count(c => c.Status == CaseStatus.Pass);

    /// <summary>Cases that did not pass (failed, errored or skipped).</summary>
    public int Failed => Cases.Length - Passed;

    /// <summary>Cases that errored.</summary>
    public int Errors => Cases.Count(c => c.Status == CaseStatus.Error);

    /// <summary>Cases skipped.</summary>
    public int Skipped => Cases.Count(c => c.Status == CaseStatus.Skipped);

    /// <summary>Per-category scores, ordered by category name.</summary>
    public ImmutableArray<CategoryScore> Categories =>
    [
        .. Cases
            .GroupBy(c => c.Category, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CategoryScore(g.Key, g.Count(c => c.Status == CaseStatus.Pass), g.Count())),
    ];

    /// <summary>State-column settings that could not be applied, with the number of cases each affected, ordered by key.</summary>
    public ImmutableArray<KeyValuePair<string, int>> IgnoredSettings =>
    [
        .. Cases
            .SelectMany(c => c.IgnoredSettings)
            .GroupBy(k => k, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count())),
    ];
}
