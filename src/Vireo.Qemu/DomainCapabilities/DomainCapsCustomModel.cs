using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>One CPU model of <c>&lt;mode name='custom'&gt;</c>.</summary>
public sealed record DomainCapsCustomModel
{
    public required string Name { get; init; }

    /// <summary><c>yes</c>, <c>no</c> or <c>unknown</c>.</summary>
    public string Usable { get; init; } = "unknown";

    public bool Deprecated { get; init; }

    /// <summary>Vendor from libvirt's CPU map; null prints as <c>unknown</c>.</summary>
    public string? Vendor { get; init; }

    /// <summary>Features that make the model unusable (kept in the model; libvirt 9.0 does not print them).</summary>
    public ImmutableArray<string> Blockers { get; init; } = [];
}
