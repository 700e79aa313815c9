using System.Collections.Immutable;
using Vireo.Qemu.Firmware;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// Host facts and policy that domain capabilities depend on beyond the QEMU capabilities:
/// firmware descriptors, swtpm, VFIO, KVM limits. Defaults describe a host with none of them.
/// </summary>
public sealed record DomainCapsOptions
{
    /// <summary>Requested guest arch; null = the binary's arch.</summary>
    public string? Arch { get; init; }

    /// <summary>Extra data read from the capabilities file (SEV, SGX, Hyper-V).</summary>
    public QemuCapsExtras Extras { get; init; } = QemuCapsExtras.None;

    /// <summary>Parsed firmware descriptors, in the order libvirt consults them (by file name).</summary>
    public ImmutableArray<FirmwareDescriptor> FirmwareDescriptors { get; init; } = [];

    /// <summary>
    /// Loader images configured in qemu.conf (<c>nvram</c> pairs' loader halves), used only
    /// when there are no firmware descriptors at all, as libvirt does.
    /// </summary>
    public ImmutableArray<string> ConfiguredLoaders { get; init; } = [];

    /// <summary>
    /// When set, replaces the loader <c>&lt;value&gt;</c> list (libvirt's domaincapstest forces
    /// it); no existence check is made on these.
    /// </summary>
    public ImmutableArray<string>? ForcedLoaderValues { get; init; }

    /// <summary>Tells whether a loader image exists; null = assume every image exists.</summary>
    public Func<string, bool>? FileExists { get; init; }

    /// <summary>
    /// TPM versions swtpm_setup supports (<c>1.2</c>, <c>2.0</c>); null = swtpm is not
    /// installed (no emulator backend, no backendVersion).
    /// </summary>
    public ImmutableArray<string>? SwtpmVersions { get; init; }

    /// <summary>The host can pass PCI devices through VFIO (IOMMU groups and /dev/vfio).</summary>
    public bool HostSupportsVfio { get; init; }

    /// <summary>Report pciBackend {default, vfio} whatever the host and binary (libvirt's domaincapstest does).</summary>
    public bool ForcePciBackend { get; init; }

    /// <summary>KVM's vCPU limit (KVM_CAP_MAX_VCPUS); null = no limit beyond the machine's.</summary>
    public int? KvmMaxVcpus { get; init; }

    /// <summary>
    /// SEV ASID range from CPUID 0x8000001F (ECX = highest ASID, EDX = lowest SEV-only
    /// ASID); null = unknown (guest counts print as 0).
    /// </summary>
    public (uint MaxAsid, uint MinAsid)? SevAsids { get; init; }

    /// <summary>
    /// Whether KVM supports secure guests (s390 protected virtualization); null = as
    /// recorded in the capabilities file.
    /// </summary>
    public bool? KvmSupportsSecureGuest { get; init; }

    /// <summary>
    /// Beyond libvirt: keep only video models that can show a picture for this arch,
    /// machine and accelerator (see <see cref="UsableVideoFilter"/>).
    /// </summary>
    public bool UsableVideoOnly { get; init; }

    /// <summary>The host CPU implements FEAT_S2FWB (stage-2 forced write-back), which lifts the ARM KVM framebuffer restriction.</summary>
    public bool HostHasStage2ForcedWriteBack { get; init; }

    /// <summary>Also emit the sections libvirt added after 9.0 (crypto, async-teardown).</summary>
    public bool IncludePost90Sections { get; init; }
}
