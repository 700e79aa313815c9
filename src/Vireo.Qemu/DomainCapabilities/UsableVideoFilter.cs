using System.Collections.Immutable;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// Beyond libvirt: narrows the video <c>modelType</c> enum to models that can actually
/// show a picture for an arch, machine and accelerator. libvirt offers every model the
/// binary was built with; some of them cannot work in a given guest. The facts are in
/// <see cref="Rules"/>; docs/domaincaps.md explains each one.
/// </summary>
public static class UsableVideoFilter
{
    private const string StageTwoReason =
        "its framebuffer is a PCI BAR; the guest maps it non-cacheable (write-combining) and without " +
        "FEAT_S2FWB KVM's stage-2 attributes cannot override that, so the guest's writes bypass the " +
        "caches while QEMU reads the same RAM through a cacheable mapping and displays stale data";

    private const string S390Reason =
        "s390 has no PCI VGA or framebuffer path a console can use; only virtio-gpu over CCW is displayable";

    private const string FwCfgReason =
        "ramfb is configured through fw_cfg (etc/ramfb), which this machine type does not have";

    /// <summary>The removal table: each model, the condition that removes it and the reason.</summary>
    public static ImmutableArray<UsableVideoRule> Rules { get; } =
    [
        // ARM KVM: display devices whose framebuffer the guest writes through a PCI BAR.
        new("vga", UsableVideoCondition.ArmKvmWithoutS2fwb, StageTwoReason),
        new("cirrus", UsableVideoCondition.ArmKvmWithoutS2fwb, StageTwoReason),
        new("vmvga", UsableVideoCondition.ArmKvmWithoutS2fwb, StageTwoReason),
        new("bochs", UsableVideoCondition.ArmKvmWithoutS2fwb, StageTwoReason),
        new("qxl", UsableVideoCondition.ArmKvmWithoutS2fwb, StageTwoReason),

        // s390: nothing but virtio (and 'none') can drive a display.
        new("vga", UsableVideoCondition.S390, S390Reason),
        new("cirrus", UsableVideoCondition.S390, S390Reason),
        new("vmvga", UsableVideoCondition.S390, S390Reason),
        new("qxl", UsableVideoCondition.S390, S390Reason),
        new("bochs", UsableVideoCondition.S390, S390Reason),
        new("ramfb", UsableVideoCondition.S390, S390Reason),

        // ramfb needs fw_cfg.
        new("ramfb", UsableVideoCondition.MachineWithoutFwCfg, FwCfgReason),
    ];

    /// <summary>
    /// The rules that apply to this guest: each names a model to remove and why.
    /// </summary>
    public static ImmutableArray<UsableVideoRule> Removals(string arch, string? machine, string virtType, bool hostHasS2fwb)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(virtType);
        return [.. Rules.Where(r => Applies(r.Condition, arch, machine, virtType, hostHasS2fwb))];
    }

    /// <summary>The enum without the models <see cref="Removals"/> names.</summary>
    public static DomainCapsEnum Apply(DomainCapsEnum modelType, string arch, string? machine, string virtType, bool hostHasS2fwb)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        var removed = Removals(arch, machine, virtType, hostHasS2fwb).Select(r => r.Model).ToHashSet(StringComparer.Ordinal);
        return modelType with { Values = [.. modelType.Values.Where(v => !removed.Contains(v))] };
    }

    /// <summary>
    /// Whether a machine type has QEMU's fw_cfg device. Source: QEMU's fw_cfg users —
    /// hw/i386 (every PC, microvm), hw/arm/virt.c, hw/riscv/virt.c, hw/loongarch/virt.c,
    /// hw/ppc/mac_newworld.c and mac_oldworld.c, hw/sparc/sun4m.c, hw/sparc64/sun4u.c.
    /// pSeries, s390-ccw and the ARM/RISC-V boards other than 'virt' have none.
    /// </summary>
    public static bool MachineHasFwCfg(string arch, string? machine)
    {
        ArgumentNullException.ThrowIfNull(arch);
        if (machine is null)
        {
            return false;
        }

        if (Machine.IsX86(arch))
        {
            return true;
        }

        if (Machine.IsArm(arch) || Machine.IsRiscv(arch) || arch == "loongarch64")
        {
            return machine == "virt" || machine.StartsWith("virt-", StringComparison.Ordinal);
        }

        if (Machine.IsPpc(arch))
        {
            return machine is "mac99" or "g3beige";
        }

        if (arch is "sparc")
        {
            return machine.StartsWith("SS-", StringComparison.Ordinal) || machine is "LX" or "Voyager" or "SPARCClassic" or "SPARCbook";
        }

        return arch is "sparc64" && machine is "sun4u" or "sun4v";
    }

    private static bool Applies(UsableVideoCondition condition, string arch, string? machine, string virtType, bool hostHasS2fwb) =>
        condition switch
        {
            UsableVideoCondition.ArmKvmWithoutS2fwb => Machine.IsArm(arch) && virtType == "kvm" && !hostHasS2fwb,
            UsableVideoCondition.S390 => Machine.IsS390(arch),
            UsableVideoCondition.MachineWithoutFwCfg => !MachineHasFwCfg(arch, machine),
            _ => false,
        };
}
