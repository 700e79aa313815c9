using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>A host CPU definition: model, vendor, topology and feature names.</summary>
public sealed record HostCpu
{
    public required string Arch { get; init; }

    public string? Model { get; init; }

    public string? Vendor { get; init; }

    public int Sockets { get; init; } = 1;

    public int Cores { get; init; } = 1;

    public int Threads { get; init; } = 1;

    public ImmutableArray<string> Features { get; init; } = [];
}
