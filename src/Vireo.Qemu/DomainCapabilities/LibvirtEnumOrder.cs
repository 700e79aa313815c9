using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// The value order of the libvirt enums domain capabilities print. libvirt keeps an enum
/// as a bit mask and prints the set values by bit index, so this order — the enum's
/// declaration order — is the print order.
/// </summary>
internal static class LibvirtEnumOrder
{
    // Source: libvirt 9.0 src/conf/domain_conf.c VIR_ENUM_IMPL(virDomainOsDefFirmware).
    public static readonly ImmutableArray<string> Firmware = ["none", "bios", "efi"];

    // Source: VIR_ENUM_IMPL(virDomainLoader).
    public static readonly ImmutableArray<string> LoaderType = ["none", "rom", "pflash"];

    // Source: src/util/virenum.c VIR_ENUM_IMPL(virTristateBool).
    public static readonly ImmutableArray<string> TristateBool = ["default", "yes", "no"];

    // Source: src/util/virenum.c VIR_ENUM_IMPL(virTristateSwitch).
    public static readonly ImmutableArray<string> TristateSwitch = ["default", "on", "off"];

    // Source: VIR_ENUM_IMPL(virDomainMemorySource).
    public static readonly ImmutableArray<string> MemorySource = ["none", "file", "anonymous", "memfd"];

    // Source: VIR_ENUM_IMPL(virDomainDiskDevice).
    public static readonly ImmutableArray<string> DiskDevice = ["disk", "cdrom", "floppy", "lun"];

    // Source: VIR_ENUM_IMPL(virDomainDiskBus).
    public static readonly ImmutableArray<string> DiskBus = ["none", "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd"];

    // Source: VIR_ENUM_IMPL(virDomainDiskModel).
    public static readonly ImmutableArray<string> DiskModel = ["default", "virtio", "virtio-transitional", "virtio-non-transitional"];

    // Source: VIR_ENUM_IMPL(virDomainGraphics).
    public static readonly ImmutableArray<string> GraphicsType = ["sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus"];

    // Source: VIR_ENUM_IMPL(virDomainVideo).
    public static readonly ImmutableArray<string> VideoModel =
        ["default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels", "virtio", "gop", "none", "bochs", "ramfb"];

    // Source: VIR_ENUM_IMPL(virDomainHostdevMode).
    public static readonly ImmutableArray<string> HostdevMode = ["subsystem", "capabilities"];

    // Source: VIR_ENUM_IMPL(virDomainStartupPolicy).
    public static readonly ImmutableArray<string> StartupPolicy = ["default", "mandatory", "requisite", "optional"];

    // Source: VIR_ENUM_IMPL(virDomainHostdevSubsys).
    public static readonly ImmutableArray<string> HostdevSubsysType = ["usb", "pci", "scsi", "scsi_host", "mdev"];

    // Source: VIR_ENUM_IMPL(virDomainHostdevSubsysPCIBackend).
    public static readonly ImmutableArray<string> PciBackend = ["default", "kvm", "vfio", "xen"];

    // Source: VIR_ENUM_IMPL(virDomainRNGModel).
    public static readonly ImmutableArray<string> RngModel = ["virtio", "virtio-transitional", "virtio-non-transitional"];

    // Source: VIR_ENUM_IMPL(virDomainRNGBackend).
    public static readonly ImmutableArray<string> RngBackend = ["random", "egd", "builtin"];

    // Source: VIR_ENUM_IMPL(virDomainFSDriver).
    public static readonly ImmutableArray<string> FsDriver = ["default", "path", "handle", "loop", "nbd", "ploop", "virtiofs"];

    // Source: VIR_ENUM_IMPL(virDomainTPMModel).
    public static readonly ImmutableArray<string> TpmModel = ["default", "tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy"];

    // Source: VIR_ENUM_IMPL(virDomainTPMBackend).
    public static readonly ImmutableArray<string> TpmBackend = ["passthrough", "emulator", "external"];

    // Source: VIR_ENUM_IMPL(virDomainTPMVersion).
    public static readonly ImmutableArray<string> TpmVersion = ["default", "1.2", "2.0"];

    // Source: VIR_ENUM_IMPL(virDomainRedirdevBus).
    public static readonly ImmutableArray<string> RedirdevBus = ["usb"];

    // Source: VIR_ENUM_IMPL(virDomainChr).
    public static readonly ImmutableArray<string> ChrType =
        ["null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus"];

    // Source: src/conf/domain_conf.c VIR_ENUM_IMPL(virGICVersion).
    public static readonly ImmutableArray<string> GicVersion = ["none", "host", "2", "3"];

    // Source: VIR_ENUM_IMPL(virDomainHyperv).
    public static readonly ImmutableArray<string> Hyperv =
    [
        "relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "reset", "vendor_id",
        "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic", "emsr_bitmap", "xmm_input",
    ];

    // Source: libvirt (after 9.0) VIR_ENUM_IMPL(virDomainCryptoModel), (virDomainCryptoType), (virDomainCryptoBackend).
    public static readonly ImmutableArray<string> CryptoModel = ["virtio"];

    public static readonly ImmutableArray<string> CryptoType = ["qemu"];

    public static readonly ImmutableArray<string> CryptoBackend = ["builtin", "lkcf"];

    /// <summary>
    /// An enum named <paramref name="name"/> holding <paramref name="values"/> in
    /// <paramref name="order"/>; duplicates are dropped and unknown values are an error.
    /// </summary>
    public static DomainCapsEnum Enum(string name, IEnumerable<string> values, ImmutableArray<string> order)
    {
        var set = new HashSet<string>(values, StringComparer.Ordinal);
        foreach (var v in set)
        {
            if (!order.Contains(v, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{v}' is not a value of libvirt enum '{name}'", nameof(values));
            }
        }

        return new DomainCapsEnum(name, [.. order.Where(set.Contains)]);
    }
}
