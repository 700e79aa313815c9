using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>The host-model CPU libvirt reports: model, fallback, vendor and feature list.</summary>
public sealed record DomainCapsHostModel
{
    public required string Model { get; init; }

    /// <summary><c>allow</c> or <c>forbid</c>.</summary>
    public string Fallback { get; init; } = "allow";

    public string? Vendor { get; init; }

    /// <summary>Required features first, then disabled ones, each group in CPU-map order.</summary>
    public ImmutableArray<DomainCapsCpuFeature> Features { get; init; } = [];
}
