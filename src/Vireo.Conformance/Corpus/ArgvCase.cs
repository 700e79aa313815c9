using System.Collections.Immutable;

namespace Vireo.Conformance.Corpus;

/// <summary>One row of <c>argv.tsv</c>: a qemuxml2argv invocation.</summary>
public sealed record ArgvCase
{
    /// <summary>Test name (input file stem); not unique across rows.</summary>
    public required string Name { get; init; }

    /// <summary>The libvirt test macro that produced the row.</summary>
    public string Macro { get; init; } = "";

    public ExpectedKind ExpectedKind { get; init; }

    /// <summary>Guest arch: the caps arch for real caps, else the XML arch or the host arch.</summary>
    public string Arch { get; init; } = "";

    /// <summary>A caps file name (<c>caps_X.Y.Z.ARCH.xml</c>), or <c>flags</c> for fake capabilities.</summary>
    public string Caps { get; init; } = "";

    /// <summary>Explicit capability flags (fake caps), in source order.</summary>
    public ImmutableArray<string> Flags { get; init; } = [];

    /// <summary>Flags the harness adds to fake caps (informational; the capability factory derives them).</summary>
    public ImmutableArray<string> ImplicitFlags { get; init; } = [];

    public HarnessOptions Extra { get; init; } = HarnessOptions.Empty;

    /// <summary>Input domain XML, relative to the corpus <c>tests/</c> directory.</summary>
    public required string InputXml { get; init; }

    /// <summary>Expected <c>.args</c> or <c>.err</c> file, relative to <c>tests/</c>.</summary>
    public required string Expected { get; init; }

    public string Category { get; init; } = "";

    public string HostArch { get; init; } = "x86_64";

    public string HostCpu { get; init; } = "";

    public string HostOs { get; init; } = "linux";

    /// <summary>Driver settings differing from the baseline (<c>cfg.X=V;env.Y=V</c>), raw.</summary>
    public string State { get; init; } = "";

    /// <summary>libvirt's test label.</summary>
    public string TestName { get; init; } = "";

    /// <summary>1-based row line in the TSV file.</summary>
    public int Row { get; init; }

    /// <summary>True when the case uses fake (flag-list) capabilities.</summary>
    public bool UsesFakeCaps => Caps.Length == 0 || Caps == "flags";
}
