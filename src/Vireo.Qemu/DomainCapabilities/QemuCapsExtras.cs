namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// The parts of a libvirt capabilities file that <see cref="Capabilities.QemuCapabilities"/>
/// does not keep but domain capabilities need: SEV and SGX platform data, Hyper-V
/// enlightenments, and whether KVM supports secure guests.
/// </summary>
public sealed record QemuCapsExtras
{
    public SevCapability? Sev { get; init; }

    public SgxCapability? Sgx { get; init; }

    public HypervCapability? Hyperv { get; init; }

    /// <summary>The file carries <c>&lt;kvmSupportsSecureGuest/&gt;</c>.</summary>
    public bool KvmSupportsSecureGuest { get; init; }

    /// <summary>No extra data.</summary>
    public static QemuCapsExtras None { get; } = new();
}
