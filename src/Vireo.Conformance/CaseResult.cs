using System.Collections.Immutable;

namespace Vireo.Conformance;

/// <summary>The outcome of one corpus case.</summary>
public sealed record CaseResult
{
    public required ConformanceSuite Suite { get; init; }

    /// <summary>Case name (the input stem; not unique, see <see cref="Label"/>).</summary>
    public required string Name { get; init; }

    /// <summary>libvirt's test label, unique per row in practice.</summary>
    public string Label { get; init; } = "";

    public string Category { get; init; } = "";

    /// <summary>1-based line of the case in its TSV file.</summary>
    public int Row { get; init; }

    public required CaseStatus Status { get; init; }

    /// <summary><c>args</c>, <c>parse-error</c>, <c>failure</c> (argv), <c>xml</c> (xml2xml, domaincaps).</summary>
    public string ExpectedKind { get; init; } = "";

    /// <summary>Expected file, relative to the corpus <c>tests/</c> directory.</summary>
    public string ExpectedFile { get; init; } = "";

    /// <summary>Where the case stopped.</summary>
    public CasePhase Phase { get; init; }

    /// <summary>For expected refusals: whether the refusal came in the expected phase (parse vs build).</summary>
    public bool? PhaseMatched { get; init; }

    /// <summary>For expected refusals: whether the message equals the <c>.err</c> text exactly.</summary>
    public bool? MessageMatched { get; init; }

    /// <summary>The message of the exception that stopped the case (with its type for non-Vireo exceptions), or a note.</summary>
    public string? Message { get; init; }

    /// <summary>First differing line, when output was compared and differed.</summary>
    public LineDifference? Difference { get; init; }

    /// <summary>State-column settings that could not be applied (<c>scope.key</c>).</summary>
    public ImmutableArray<string> IgnoredSettings { get; init; } = [];
}
