using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>A named CPU model the binary offers for an accelerator.</summary>
public sealed record CpuModel
{
    public required string Name { get; init; }

    public Accelerator Accelerator { get; init; }

    public string? TypeName { get; init; }

    /// <summary>yes/no/unknown as recorded.</summary>
    public bool? Usable { get; init; }

    public ImmutableArray<string> Blockers { get; init; } = [];

    public bool Deprecated { get; init; }
}
