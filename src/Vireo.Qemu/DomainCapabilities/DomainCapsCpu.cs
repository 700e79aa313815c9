using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary><c>&lt;cpu&gt;</c>: the four CPU modes.</summary>
public sealed record DomainCapsCpu
{
    public bool HostPassthrough { get; init; }

    /// <summary>The <c>hostPassthroughMigratable</c> enum (on/off); null when not reported.</summary>
    public DomainCapsEnum? HostPassthroughMigratable { get; init; }

    public bool Maximum { get; init; }

    /// <summary>The <c>maximumMigratable</c> enum; null when not reported.</summary>
    public DomainCapsEnum? MaximumMigratable { get; init; }

    /// <summary>The host-model CPU; null means <c>supported='no'</c>.</summary>
    public DomainCapsHostModel? HostModel { get; init; }

    /// <summary>Custom models, in the order QEMU lists them; empty means <c>supported='no'</c>.</summary>
    public ImmutableArray<DomainCapsCustomModel> CustomModels { get; init; } = [];
}
