using System.Collections.Immutable;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// What libvirt's CPU drivers know per arch: whether the arch has a CPU driver at all,
/// which model names its CPU map lists (custom models are filtered by that list), and
/// each model's vendor.
/// </summary>
internal static class CpuModelCatalog
{
    // Source: libvirt src/cpu_map/index.xml (ppc64 arch) and src/cpu_map/ppc64_*.xml —
    // model → vendor.
    private static readonly ImmutableDictionary<string, string> Ppc64Models =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["POWER6"] = "IBM",
            ["POWER7"] = "IBM",
            ["POWER8"] = "IBM",
            ["POWER9"] = "IBM",
            ["POWER10"] = "IBM",
            ["POWERPC_e5500"] = "Freescale",
            ["POWERPC_e6500"] = "Freescale",
        }.ToImmutableDictionary(StringComparer.Ordinal);

    private static readonly ImmutableHashSet<string> X86Models =
        X86CpuMap.Models.Select(m => m.Name).ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Arches with a libvirt CPU driver (src/cpu/cpu_x86.c, cpu_ppc64.c, cpu_s390.c,
    /// cpu_arm.c). For another arch libvirt cannot list models, so custom mode is unsupported.
    /// </summary>
    public static bool HasDriver(string arch) =>
        Machine.IsX86(arch) || Machine.IsPpc64(arch) || Machine.IsS390(arch) || Machine.IsArm(arch);

    /// <summary>
    /// The model names the arch's CPU map knows, or null when the driver has no model list
    /// (ARM and s390 drivers accept every model QEMU reports).
    /// </summary>
    public static ImmutableHashSet<string>? KnownModels(string arch) =>
        Machine.IsX86(arch) ? X86Models
        : Machine.IsPpc64(arch) ? Ppc64Models.Keys.ToImmutableHashSet(StringComparer.Ordinal)
        : null;

    /// <summary>The vendor libvirt's CPU map gives a model, or null.</summary>
    public static string? VendorFor(string arch, string model)
    {
        if (Machine.IsX86(arch))
        {
            return X86CpuMap.Find(model)?.Vendor;
        }

        if (Machine.IsPpc64(arch))
        {
            return Ppc64Models.TryGetValue(model, out var vendor) ? vendor : null;
        }

        return null;
    }
}
