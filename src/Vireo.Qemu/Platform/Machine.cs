namespace Vireo.Qemu.Platform;

/// <summary>
/// Classifies a (arch, machine type) pair the way QEMU's machine families behave:
/// which PCI root it has, which chipset devices are built in. Facts from QEMU's
/// hw/i386/pc_piix.c, pc_q35.c, hw/arm/virt.c, hw/ppc/spapr.c, hw/s390x/s390-virtio-ccw.c.
/// </summary>
public static class Machine
{
    public static bool IsX86(string? arch) => arch is "i686" or "x86_64";

    /// <summary>
    /// libvirt's arch families (ARCH_IS_X86, ARCH_IS_ARM, ARCH_IS_PPC, ARCH_IS_S390):
    /// <c>x86</c>, <c>arm</c>, <c>ppc</c>, <c>s390</c>; any other arch stands alone.
    /// </summary>
    public static string Family(string arch) =>
        IsX86(arch) ? "x86" : IsArm(arch) ? "arm" : IsPpc(arch) ? "ppc" : IsS390(arch) ? "s390" : arch;

    public static bool IsArm(string? arch) => arch is "armv6l" or "armv7l" or "armv7b" or "aarch64";

    public static bool IsPpc64(string? arch) => arch is "ppc64" or "ppc64le";

    public static bool IsPpc(string? arch) => arch is "ppc" or "ppcle" or "ppc64" or "ppc64le" or "ppcemb";

    public static bool IsRiscv(string? arch) => arch is "riscv32" or "riscv64";

    public static bool IsS390(string? arch) => arch is "s390" or "s390x";

    /// <summary>i440FX PC (pc, pc-i440fx-*, pc-0.x/pc-1.x).</summary>
    public static bool IsI440fx(string? arch, string? machine) =>
        IsX86(arch) && machine is not null &&
        (machine == "pc" || machine.StartsWith("pc-0.", StringComparison.Ordinal) || machine.StartsWith("pc-1.", StringComparison.Ordinal) ||
         machine.StartsWith("pc-i440fx-", StringComparison.Ordinal) || machine.StartsWith("rhel", StringComparison.Ordinal));

    /// <summary>Q35 PC.</summary>
    public static bool IsQ35(string? arch, string? machine) =>
        IsX86(arch) && machine is not null && (machine == "q35" || machine.StartsWith("pc-q35", StringComparison.Ordinal));

    public static bool IsMicrovm(string? arch, string? machine) => IsX86(arch) && machine == "microvm";

    /// <summary>ARM 'virt' board.</summary>
    public static bool IsArmVirt(string? arch, string? machine) =>
        IsArm(arch) && machine is not null && (machine == "virt" || machine.StartsWith("virt-", StringComparison.Ordinal));

    public static bool IsRiscvVirt(string? arch, string? machine) =>
        IsRiscv(arch) && machine is not null && (machine == "virt" || machine.StartsWith("virt-", StringComparison.Ordinal));

    public static bool IsPSeries(string? arch, string? machine) =>
        IsPpc64(arch) && machine is not null && (machine == "pseries" || machine.StartsWith("pseries-", StringComparison.Ordinal));

    public static bool IsS390Ccw(string? arch, string? machine) =>
        IsS390(arch) && machine is not null && machine.StartsWith("s390-ccw", StringComparison.Ordinal);

    /// <summary>Machines whose PCI root is PCI Express (pcie-root).</summary>
    public static bool HasPcieRoot(string? arch, string? machine) =>
        IsQ35(arch, machine) || IsArmVirt(arch, machine) || IsRiscvVirt(arch, machine);

    /// <summary>Machines with a conventional PCI root (pci-root).</summary>
    public static bool HasPciRoot(string? arch, string? machine) =>
        IsI440fx(arch, machine) || IsPSeries(arch, machine) || (IsX86(arch) && !IsQ35(arch, machine) && !IsMicrovm(arch, machine) && machine is not "isapc");

    /// <summary>
    /// Whether a guest of this arch wants a VGA-compatible framebuffer on its primary display.
    /// Only PC-style firmware (SeaBIOS, OVMF's QemuVideoDxe) and pSeries SLOF drive legacy VGA;
    /// edk2's ArmVirtQemu has only VirtioGpuDxe, which refuses virtio-vga, and RISC-V/s390x have
    /// no VGA at all. Deliberately decided by arch, not by whether the binary lists virtio-vga
    /// (QEMU 4.0 listed it for aarch64). See docs/deviations.md.
    /// </summary>
    public static bool WantsVgaCompatiblePrimary(string? arch) => IsX86(arch) || IsPpc(arch) || arch is "mips" or "mipsel" or "mips64" or "mips64el" or "alpha";
}
