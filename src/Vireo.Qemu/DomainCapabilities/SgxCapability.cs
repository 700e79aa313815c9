using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>Intel SGX platform data as recorded in a capabilities file (<c>&lt;sgx&gt;</c>).</summary>
public sealed record SgxCapability
{
    public bool Flc { get; init; }

    public bool Sgx1 { get; init; }

    public bool Sgx2 { get; init; }

    public ulong SectionSizeKiB { get; init; }

    public ImmutableArray<SgxSection> Sections { get; init; } = [];
}
