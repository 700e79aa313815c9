using System.Collections.Immutable;

namespace Vireo.Conformance.Corpus;

/// <summary>One row of <c>xml2xml.tsv</c>: a qemuxml2xml run (inactive or active).</summary>
public sealed record Xml2XmlCase
{
    public required string Name { get; init; }

    public string Macro { get; init; } = "";

    /// <summary><c>inactive</c> or <c>active</c>.</summary>
    public string When { get; init; } = "inactive";

    public string Arch { get; init; } = "";

    /// <summary>A caps file name, or <c>flags</c> for fake capabilities.</summary>
    public string Caps { get; init; } = "";

    public ImmutableArray<string> Flags { get; init; } = [];

    public ImmutableArray<string> ImplicitFlags { get; init; } = [];

    public HarnessOptions Extra { get; init; } = HarnessOptions.Empty;

    /// <summary>Input domain XML, relative to <c>tests/</c>.</summary>
    public required string InputXml { get; init; }

    /// <summary>Expected XML, relative to <c>tests/</c> (may be a symlink).</summary>
    public required string Expected { get; init; }

    public string Category { get; init; } = "";

    /// <summary>Driver settings differing from the xml2xml baseline, raw.</summary>
    public string State { get; init; } = "";

    public string TestName { get; init; } = "";

    public int Row { get; init; }

    /// <summary>True for the inactive run.</summary>
    public bool Inactive => !string.Equals(When, "active", StringComparison.Ordinal);

    /// <summary>True when the case uses fake (flag-list) capabilities.</summary>
    public bool UsesFakeCaps => Caps.Length == 0 || Caps == "flags";
}
