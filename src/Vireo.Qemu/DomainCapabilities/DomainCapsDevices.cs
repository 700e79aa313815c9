namespace Vireo.Qemu.DomainCapabilities;

/// <summary><c>&lt;devices&gt;</c>, one section per device kind, in print order.</summary>
public sealed record DomainCapsDevices
{
    public required DomainCapsSection Disk { get; init; }

    public required DomainCapsSection Graphics { get; init; }

    public required DomainCapsSection Video { get; init; }

    public required DomainCapsSection Hostdev { get; init; }

    public required DomainCapsSection Rng { get; init; }

    public required DomainCapsSection Filesystem { get; init; }

    public required DomainCapsSection Tpm { get; init; }

    public required DomainCapsSection Redirdev { get; init; }

    public required DomainCapsSection Channel { get; init; }

    /// <summary>Crypto devices (libvirt after 9.0); null leaves the element out, as libvirt 9.0 does.</summary>
    public DomainCapsSection? Crypto { get; init; }
}
