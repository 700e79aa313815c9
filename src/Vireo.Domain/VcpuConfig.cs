namespace Vireo.Domain;

/// <summary>The <c>&lt;vcpu&gt;</c> element.</summary>
public sealed record VcpuConfig
{
    /// <summary>Maximum vCPUs.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Vcpus online at boot, when fewer than <see cref="Count"/>.</summary>
    public int? Current { get; init; }

    /// <summary>static or auto (null = not given).</summary>
    public string? Placement { get; init; }

    public string? CpuSet { get; init; }
}
