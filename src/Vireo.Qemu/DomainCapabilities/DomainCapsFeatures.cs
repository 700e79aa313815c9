using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary><c>&lt;features&gt;</c>: gic, the yes/no features, sev, sgx, hyperv.</summary>
public sealed record DomainCapsFeatures
{
    public required DomainCapsSection Gic { get; init; }

    /// <summary>Yes/no features in print order (iothreads is printed elsewhere).</summary>
    public ImmutableArray<DomainCapsSimpleFeature> Simple { get; init; } = [];

    /// <summary>SEV data; null prints <c>supported='no'</c>.</summary>
    public SevDomainCapability? Sev { get; init; }

    /// <summary>SGX data; null prints <c>supported='no'</c>.</summary>
    public SgxCapability? Sgx { get; init; }

    /// <summary>Hyper-V section; null leaves it out.</summary>
    public DomainCapsSection? Hyperv { get; init; }
}
