using System.Collections.Immutable;

namespace Vireo.Qemu.Cpu;

/// <summary>CPU feature names as QEMU spells them on -cpu, where they differ from libvirt's.</summary>
internal static class CpuFeatureNames
{
    // Source: libvirt 9.0 src/qemu/qemu_capabilities.c virQEMUCapsCPUFeaturesX86 —
    // libvirt's x86 feature names (left) and QEMU's property names (right).
    private static readonly ImmutableDictionary<string, string> X86LibvirtToQemu =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cmp_legacy"] = "cmp-legacy",
            ["ds_cpl"] = "ds-cpl",
            ["fxsr_opt"] = "fxsr-opt",
            ["kvm_pv_eoi"] = "kvm-pv-eoi",
            ["kvm_pv_unhalt"] = "kvm-pv-unhalt",
            ["lahf_lm"] = "lahf-lm",
            ["nodeid_msr"] = "nodeid-msr",
            ["pclmuldq"] = "pclmulqdq",
            ["perfctr_core"] = "perfctr-core",
            ["perfctr_nb"] = "perfctr-nb",
            ["tsc_adjust"] = "tsc-adjust",
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>QEMU's name for a libvirt CPU feature of a guest arch.</summary>
    public static string ToQemu(string arch, string feature) =>
        Platform.Machine.IsX86(arch) && X86LibvirtToQemu.TryGetValue(feature, out var q) ? q : feature;
}
