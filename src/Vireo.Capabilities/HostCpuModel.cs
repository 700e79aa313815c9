using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>The host-model CPU expansion QEMU reported (<c>&lt;hostCPU&gt;</c>).</summary>
public sealed record HostCpuModel
{
    public required string Model { get; init; }

    public bool Migratability { get; init; }

    /// <summary>Properties in recorded order: name, type (boolean/string/number), value, migratable.</summary>
    public ImmutableArray<HostCpuProperty> Properties { get; init; } = [];
}
