namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// What a QEMU binary offers a domain of one arch, machine and virt type: the content of
/// libvirt's <c>&lt;domainCapabilities&gt;</c>. Immutable; printed by
/// <see cref="DomainCapabilitiesFormatter"/>.
/// </summary>
public sealed record DomainCapabilitiesModel
{
    public required string Path { get; init; }

    /// <summary>Virt type: kvm, qemu, hvf.</summary>
    public required string Domain { get; init; }

    /// <summary>Canonical machine type, or null when the binary has none.</summary>
    public string? Machine { get; init; }

    public required string Arch { get; init; }

    /// <summary>Maximum vCPUs; 0 leaves <c>&lt;vcpu&gt;</c> out.</summary>
    public int MaxVcpus { get; init; }

    public bool? Iothreads { get; init; }

    public required DomainCapsOs Os { get; init; }

    public required DomainCapsCpu Cpu { get; init; }

    public required DomainCapsSection MemoryBacking { get; init; }

    public required DomainCapsDevices Devices { get; init; }

    public required DomainCapsFeatures Features { get; init; }
}
