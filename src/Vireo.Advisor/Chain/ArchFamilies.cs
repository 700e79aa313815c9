using Vireo.Qemu.Platform;

namespace Vireo.Advisor.Chain;

/// <summary>The arch families the fact table is keyed on, from the engine's own arch classes.</summary>
public static class ArchFamilies
{
    /// <summary><c>x86</c>, <c>arm</c>, <c>ppc</c>, <c>s390</c>, <c>riscv</c> or <c>other</c>.</summary>
    public static string Of(string? arch) =>
        Machine.IsX86(arch) ? "x86"
        : Machine.IsArm(arch) ? "arm"
        : Machine.IsPpc(arch) ? "ppc"
        : Machine.IsS390(arch) ? "s390"
        : Machine.IsRiscv(arch) ? "riscv"
        : "other";
}
