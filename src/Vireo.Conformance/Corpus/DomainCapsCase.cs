namespace Vireo.Conformance.Corpus;

/// <summary>One row of <c>domaincaps.tsv</c>: a domain-capabilities case.</summary>
public sealed record DomainCapsCase
{
    public required string Name { get; init; }

    /// <summary>qemu, none, libxl or bhyve.</summary>
    public string Kind { get; init; } = "";

    public string Caps { get; init; } = "";

    public string Version { get; init; } = "";

    public string Arch { get; init; } = "";

    /// <summary>Requested machine (empty = default).</summary>
    public string Machine { get; init; } = "";

    public string VirtType { get; init; } = "";

    public string Emulator { get; init; } = "";

    public string SwtpmTpmVersions { get; init; } = "";

    public string HostCpu { get; init; } = "";

    /// <summary>Expected XML, relative to <c>tests/</c>.</summary>
    public required string Expected { get; init; }

    /// <summary>Build condition (WITH_QEMU, WITH_LIBXL...).</summary>
    public string Cond { get; init; } = "";

    public int Row { get; init; }

    /// <summary>Category used in score tables: the case kind.</summary>
    public string Category => Kind.Length == 0 ? "qemu" : Kind;
}
