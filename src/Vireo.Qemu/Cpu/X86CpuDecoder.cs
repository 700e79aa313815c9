using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Domain.Cpu;
using Vireo.Qemu.DomainCapabilities;

namespace Vireo.Qemu.Cpu;

/// <summary>
/// x86 CPU definitions as feature sets over libvirt's CPU map: what a named model with
/// added/removed features stands for, and the reverse — the closest model a binary offers
/// for a feature set, with the features to add and remove (libvirt cpu_x86.c
/// x86ModelFromCPU, x86Decode, x86DecodeUseCandidate).
/// </summary>
internal static class X86CpuDecoder
{
    // Source: libvirt src/cpu_map/x86_features.xml — features marked migratable='no'.
    private static readonly ImmutableHashSet<string> NonMigratable = ImmutableHashSet.Create(StringComparer.Ordinal, "invtsc");

    /// <summary>The feature set a CPU definition describes: its model's features plus required, minus disabled ones.</summary>
    public static HashSet<string>? FeatureData(CpuConfig cpu, out X86CpuModel? model)
    {
        model = cpu.Model is null ? null : X86CpuMap.Find(cpu.Model);
        if (cpu.Model is not null && model is null)
        {
            return null;
        }

        var data = new HashSet<string>(model?.Features ?? [], StringComparer.Ordinal);
        foreach (var f in cpu.Features)
        {
            switch (f.Policy)
            {
                case "require" or "force":
                    data.Add(f.Name);
                    break;
                case "disable" or "forbid":
                    data.Remove(f.Name);
                    break;
                default:
                    break;
            }
        }

        return data;
    }

    /// <summary>Whether the named feature is part of the CPU definition's data.</summary>
    public static bool Provides(CpuConfig cpu, string feature) =>
        FeatureData(cpu, out _) is { } data && data.Contains(feature);

    /// <summary>
    /// The closest offered model for <paramref name="data"/>: the model, then required
    /// features and disabled features, each in CPU-map order (non-migratable ones dropped
    /// when <paramref name="migratable"/>). Null when no offered model fits.
    /// </summary>
    public static (string Model, ImmutableArray<CpuFeature> Features)? Decode(
        IReadOnlySet<string> data, string? vendor, (int Family, int Model)? signature, IReadOnlyList<CpuModel> offered, bool migratable)
    {
        var byName = new Dictionary<string, CpuModel>(StringComparer.Ordinal);
        foreach (var m in offered)
        {
            byName.TryAdd(m.Name, m);
        }

        X86CpuModel? best = null;
        List<CpuFeature>? bestFeatures = null;
        for (var i = X86CpuMap.Models.Length - 1; i >= 0; i--)
        {
            var candidate = X86CpuMap.Models[i];
            if (!byName.TryGetValue(candidate.Name, out var hv))
            {
                continue;
            }

            if (vendor is not null && candidate.Vendor is not null && vendor != candidate.Vendor)
            {
                continue;
            }

            var features = Difference(data, candidate, hv);
            if (best is null || bestFeatures is null)
            {
                best = candidate;
                bestFeatures = features;
                continue;
            }

            if (signature is { } sig)
            {
                var currentMatches = best.MatchesSignature(sig.Family, sig.Model);
                var candidateMatches = candidate.MatchesSignature(sig.Family, sig.Model);
                if (currentMatches && !candidateMatches)
                {
                    continue;
                }

                if (!currentMatches && candidateMatches)
                {
                    best = candidate;
                    bestFeatures = features;
                    continue;
                }
            }

            if (Score(features) is var (total, disabled) && Score(bestFeatures) is var (bestTotal, bestDisabled)
                && (total < bestTotal || (total == bestTotal && disabled < bestDisabled)))
            {
                best = candidate;
                bestFeatures = features;
            }
        }

        if (best is null || bestFeatures is null)
        {
            return null;
        }

        IEnumerable<CpuFeature> result = bestFeatures;
        if (migratable)
        {
            result = result.Where(f => !NonMigratable.Contains(f.Name));
        }

        return (best.Name, [.. result]);
    }

    /// <summary>
    /// The cost of a candidate's feature list for a guest CPU: each added feature counts 1,
    /// disabled features cost an increasing penalty (2, 3, 4...), so that a model needing few
    /// removals wins over one needing a removal plus fewer additions.
    /// </summary>
    private static (int Total, int Disabled) Score(List<CpuFeature> features)
    {
        var enabled = 0;
        var disabled = 0;
        var penalty = 2;
        foreach (var f in features)
        {
            if (f.Policy == "disable")
            {
                disabled += penalty++;
            }
            else
            {
                enabled++;
            }
        }

        return (enabled + disabled, disabled);
    }

    private static List<CpuFeature> Difference(IReadOnlySet<string> data, X86CpuModel candidate, CpuModel hv)
    {
        var list = new List<CpuFeature>();
        foreach (var name in X86CpuMap.Features)
        {
            if (data.Contains(name) && !candidate.Features.Contains(name))
            {
                list.Add(new CpuFeature("require", name));
            }
        }

        foreach (var name in X86CpuMap.Features)
        {
            if (!data.Contains(name) && candidate.Features.Contains(name))
            {
                list.Add(new CpuFeature("disable", name));
            }
        }

        foreach (var blocker in hv.Blockers)
        {
            var name = X86HostModelDecoder.LibvirtFeatureName(blocker);
            if (!list.Any(f => f.Name == name) && X86CpuMap.Features.Contains(name))
            {
                list.Add(new CpuFeature("disable", name));
            }
        }

        return list;
    }
}
