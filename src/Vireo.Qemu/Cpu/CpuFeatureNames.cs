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

    // Source: libvirt 9.0 qemuProcessUpdateGuestCPU filtering the guest CPU through
    // virQEMUCapsCPUFilterFeatures (checked against a libvirt 9.0 daemon): x86 features libvirt's
    // CPU map knows but QEMU has no -cpu property for; whatever their policy, they are left off
    // the command line (the domain XML keeps them).
    private static readonly ImmutableHashSet<string> X86WithoutQemuProperty =
        ImmutableHashSet.Create(StringComparer.Ordinal,
            "cmt", "mbm_total", "mbm_local", "osxsave", "ospke", "pconfig", "cvt16");

    // Source: libvirt 9.0 src/cpu_map/x86_Icelake-*.xml (intel-pt marked removed: QEMU dropped it
    // from these models, so libvirt turns it off explicitly to keep the guest ABI) and the test
    // qemuxml2argvdata/cpu-Icelake-Server-pconfig (-cpu Icelake-Server,intel-pt=off).
    private static readonly ImmutableDictionary<string, ImmutableArray<string>> X86RemovedFromModel =
        new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
        {
            ["Icelake-Client"] = ["intel-pt"],
            ["Icelake-Client-noTSX"] = ["intel-pt"],
            ["Icelake-Server"] = ["intel-pt"],
            ["Icelake-Server-noTSX"] = ["intel-pt"],
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Whether a guest CPU feature reaches QEMU's -cpu at all.</summary>
    public static bool HasQemuProperty(string arch, string feature) =>
        !(Platform.Machine.IsX86(arch) && X86WithoutQemuProperty.Contains(feature));

    /// <summary>Features of a named x86 CPU model which libvirt disables explicitly on -cpu.</summary>
    public static ImmutableArray<string> RemovedFromModel(string arch, string? model) =>
        Platform.Machine.IsX86(arch) && model is not null && X86RemovedFromModel.TryGetValue(model, out var r) ? r : [];

    /// <summary>QEMU's name for a libvirt CPU feature of a guest arch.</summary>
    public static string ToQemu(string arch, string feature) =>
        Platform.Machine.IsX86(arch) && X86LibvirtToQemu.TryGetValue(feature, out var q) ? q : feature;
}
