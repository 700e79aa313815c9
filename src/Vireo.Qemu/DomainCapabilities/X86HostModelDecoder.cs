using System.Collections.Immutable;
using Vireo.Capabilities;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// Turns QEMU's expansion of the host CPU (<c>&lt;hostCPU&gt;</c> properties) into the
/// host-model CPU libvirt reports for x86: the closest CPU-map model the binary offers,
/// the vendor, and the features to add or remove. Follows libvirt 9.0's
/// virQEMUCapsInitCPUModelX86 and cpu_x86.c x86Decode.
/// </summary>
internal static class X86HostModelDecoder
{
    // Source: libvirt src/qemu/qemu_capabilities.c virQEMUCapsCPUFeaturesX86 — QEMU
    // property names whose libvirt feature name differs.
    private static readonly ImmutableDictionary<string, string> QemuToLibvirt =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cmp-legacy"] = "cmp_legacy",
            ["ds-cpl"] = "ds_cpl",
            ["fxsr-opt"] = "fxsr_opt",
            ["kvm-pv-eoi"] = "kvm_pv_eoi",
            ["kvm-pv-unhalt"] = "kvm_pv_unhalt",
            ["lahf-lm"] = "lahf_lm",
            ["nodeid-msr"] = "nodeid_msr",
            ["pclmulqdq"] = "pclmuldq",
            ["perfctr-core"] = "perfctr_core",
            ["perfctr-nb"] = "perfctr_nb",
            ["tsc-adjust"] = "tsc_adjust",
        }.ToImmutableDictionary(StringComparer.Ordinal);

    // Source: libvirt src/cpu/cpu_x86.c x86DataFilterTSX — Intel family 6 models whose TSX
    // (hle, rtm) is broken: Haswell (60, 69, 70) and early-stepping Haswell-E/EP (63, < 4).
    private static readonly ImmutableArray<int> BrokenTsxModels = [60, 69, 70];

    private static readonly ImmutableDictionary<string, int> FeatureIndex =
        X86CpuMap.Features.Select((name, i) => (name, i)).ToImmutableDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

    /// <summary>libvirt's name for a QEMU CPU property.</summary>
    public static string LibvirtFeatureName(string qemuName) =>
        QemuToLibvirt.TryGetValue(qemuName, out var name) ? name : qemuName;

    /// <summary>
    /// Decodes <paramref name="expansion"/> against the models <paramref name="offered"/>
    /// (the binary's CPU models for the accelerator). Returns null when no model fits.
    /// </summary>
    public static DomainCapsHostModel? Decode(HostCpuModel expansion, IReadOnlyList<CpuModel> offered)
    {
        ArgumentNullException.ThrowIfNull(expansion);
        ArgumentNullException.ThrowIfNull(offered);

        var data = new HashSet<string>(StringComparer.Ordinal);
        string? vendor = null;
        int family = 0, model = 0, stepping = 0;
        foreach (var prop in expansion.Properties)
        {
            var name = LibvirtFeatureName(prop.Name);
            switch (prop.Type)
            {
                case "boolean" when prop.Value == "true" && FeatureIndex.ContainsKey(name):
                    data.Add(name);
                    break;
                case "string" when name == "vendor":
                    vendor = X86CpuMap.VendorByCpuidString.TryGetValue(prop.Value, out var v) ? v : null;
                    break;
                case "number" when name == "family":
                    family = ParseInt(prop.Value);
                    break;
                case "number" when name == "model":
                    model = ParseInt(prop.Value);
                    break;
                case "number" when name == "stepping":
                    stepping = ParseInt(prop.Value);
                    break;
                default:
                    break;
            }
        }

        var hasSignature = family != 0 || model != 0 || stepping != 0;
        if (vendor == "Intel" && family == 6 && ((model == 63 && stepping < 4) || BrokenTsxModels.Contains(model)))
        {
            data.Remove("hle");
            data.Remove("rtm");
        }

        var byName = new Dictionary<string, CpuModel>(StringComparer.Ordinal);
        foreach (var m in offered)
        {
            byName.TryAdd(m.Name, m);
        }

        X86CpuModel? best = null;
        ImmutableArray<DomainCapsCpuFeature>? bestCpu = null;
        for (var i = X86CpuMap.Models.Length - 1; i >= 0; i--)
        {
            var candidate = X86CpuMap.Models[i];
            if (!byName.TryGetValue(candidate.Name, out var hvModel))
            {
                continue;
            }

            if (vendor is not null && candidate.Vendor is not null && vendor != candidate.Vendor)
            {
                continue;
            }

            var cpu = ToCandidate(data, candidate, hvModel);
            if (Better(best, bestCpu, candidate, cpu, hasSignature, family, model))
            {
                best = candidate;
                bestCpu = cpu;
            }
        }

        if (best is null || bestCpu is null)
        {
            return null;
        }

        return new DomainCapsHostModel
        {
            Model = best.Name,
            Fallback = "forbid",
            Vendor = vendor,
            Features = bestCpu.Value,
        };
    }

    private static ImmutableArray<DomainCapsCpuFeature> ToCandidate(HashSet<string> data, X86CpuModel model, CpuModel hvModel)
    {
        var required = new HashSet<string>(data, StringComparer.Ordinal);
        required.ExceptWith(model.Features);
        var disabled = new HashSet<string>(model.Features, StringComparer.Ordinal);
        disabled.ExceptWith(data);

        // Features QEMU cannot provide for this model block it; libvirt disables them explicitly.
        foreach (var blocker in hvModel.Blockers)
        {
            var name = LibvirtFeatureName(blocker);
            if (FeatureIndex.ContainsKey(name) && !required.Contains(name))
            {
                disabled.Add(name);
            }
        }

        var features = ImmutableArray.CreateBuilder<DomainCapsCpuFeature>(required.Count + disabled.Count);
        foreach (var name in X86CpuMap.Features)
        {
            if (required.Contains(name))
            {
                features.Add(new DomainCapsCpuFeature("require", name));
            }
        }

        foreach (var name in X86CpuMap.Features)
        {
            if (disabled.Contains(name))
            {
                features.Add(new DomainCapsCpuFeature("disable", name));
            }
        }

        return features.ToImmutable();
    }

    private static bool Better(
        X86CpuModel? current,
        ImmutableArray<DomainCapsCpuFeature>? currentCpu,
        X86CpuModel candidate,
        ImmutableArray<DomainCapsCpuFeature> candidateCpu,
        bool hasSignature,
        int family,
        int model)
    {
        if (current is null || currentCpu is null)
        {
            return true;
        }

        // Prefer a model whose family/model signature matches the host's.
        if (hasSignature)
        {
            var currentMatches = current.MatchesSignature(family, model);
            var candidateMatches = candidate.MatchesSignature(family, model);
            if (currentMatches && !candidateMatches)
            {
                return false;
            }

            if (!currentMatches && candidateMatches)
            {
                return true;
            }
        }

        // Otherwise the cheaper list of feature changes wins; ties keep the newer model.
        var (currentCost, currentPenalty) = Cost(currentCpu.Value);
        var (candidateCost, candidatePenalty) = Cost(candidateCpu);
        return candidateCost < currentCost || (candidateCost == currentCost && candidatePenalty < currentPenalty);
    }

    /// <summary>
    /// libvirt's virCPUx86CompareCandidateFeatureList cost of a guest CPU's feature list:
    /// each required feature costs 1, disabled features cost 2, 3, 4, ... in turn. The scan
    /// shrinks its own bound as it counts a disabled feature, and disabled features come
    /// last, so only the first half (rounded up) of them is counted — reproduced as is,
    /// since it decides which model libvirt reports.
    /// </summary>
    /// <returns>The total cost and the part due to disabled features.</returns>
    private static (int Cost, int Penalty) Cost(ImmutableArray<DomainCapsCpuFeature> features)
    {
        const int basePenalty = 2;
        var enabled = features.Length;
        var disabled = 0;
        var penalty = basePenalty;
        for (var i = 0; i < enabled; i++)
        {
            if (features[i].Policy == "disable")
            {
                enabled--;
                disabled += penalty;
                penalty++;
            }
        }

        return (enabled + disabled, disabled);
    }

    private static int ParseInt(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
}
