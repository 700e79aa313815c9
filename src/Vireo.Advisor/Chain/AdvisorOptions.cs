using Vireo.Advisor.Facts;

namespace Vireo.Advisor.Chain;

/// <summary>What the advisor is told beyond the domain.</summary>
public sealed record AdvisorOptions
{
    /// <summary><c>kvm</c> or <c>tcg</c>; null: from <c>&lt;domain type&gt;</c> (<c>qemu</c> → TCG, anything else → KVM).</summary>
    public string? Accel { get; init; }

    /// <summary><c>linux</c>, <c>windows</c> or <c>other</c>; null: <c>windows</c> when the domain has Hyper-V enlightenments, else <c>linux</c>.</summary>
    public string? GuestOs { get; init; }

    /// <summary>The facts to evaluate (the embedded table by default).</summary>
    public FactTable Facts { get; init; } = FactTable.Embedded;
}
