using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Vireo.Capabilities;

namespace Vireo.Probing.Tests;

/// <summary>Vireo's live probe of one binary next to libvirt 9.0's probe of the same binary (its cache entry).</summary>
internal sealed record LiveComparison(string Binary, QemuCapabilities Libvirt, QemuCapabilities Vireo, TimeSpan VireoElapsed)
{
    public ImmutableSortedSet<string> Flags(QemuCapabilities caps, FlagGroup group) =>
        caps.Flags.Where(group.Contains).ToImmutableSortedSet(StringComparer.Ordinal);

    public bool MachinesIdentical => Libvirt.Machines.SequenceEqual(Vireo.Machines);

    public bool CpuModelsIdentical =>
        Libvirt.CpuModels.Length == Vireo.CpuModels.Length
        && Libvirt.CpuModels.Zip(Vireo.CpuModels).All(p => p.First with { Blockers = [] } == p.Second with { Blockers = [] }
            && p.First.Blockers.SequenceEqual(p.Second.Blockers));

    public bool GicIdentical => Libvirt.Gic.SequenceEqual(Vireo.Gic);

    /// <summary>Whether the host-model CPU expansion of <paramref name="accel"/> is the same; null when neither has one.</summary>
    public bool? HostCpuIdentical(Accelerator accel)
    {
        var l = Libvirt.HostCpus.GetValueOrDefault(accel);
        var v = Vireo.HostCpus.GetValueOrDefault(accel);
        if (l is null && v is null)
        {
            return null;
        }

        return l is not null && v is not null && l.Model == v.Model && l.Migratability == v.Migratability && l.Properties.SequenceEqual(v.Properties);
    }

    /// <summary>The two markdown tables of docs/probing.md: flags by group, then the rest of the snapshot.</summary>
    public static string FormatTables(IReadOnlyList<LiveComparison> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| binary | flags | libvirt | Vireo | same | only libvirt | only Vireo |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            foreach (var g in FlagGroup.All)
            {
                var l = r.Flags(r.Libvirt, g);
                var v = r.Flags(r.Vireo, g);
                sb.Append(CultureInfo.InvariantCulture, $"| {Path.GetFileName(r.Binary)} | {g.Name} | {l.Count} | {v.Count} | {l.Intersect(v).Count} | {List(l.Except(v))} | {List(v.Except(l))} |\n");
            }
        }

        sb.Append('\n');
        sb.Append("| binary | version | machine types | CPU models | host-model CPU (kvm / tcg) | GIC |\n");
        sb.Append("|---|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| {Path.GetFileName(r.Binary)} | {r.Vireo.Package} | {r.Vireo.Machines.Length}/{r.Libvirt.Machines.Length} {Same(r.MachinesIdentical)} | {r.Vireo.CpuModels.Length}/{r.Libvirt.CpuModels.Length} {Same(r.CpuModelsIdentical)} | {HostCpu(r, Accelerator.Kvm)} / {HostCpu(r, Accelerator.Tcg)} | {Gic(r)} |\n");
        }

        sb.Append('\n');
        sb.Append("| flag |");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {Path.GetFileName(r.Binary)}: libvirt | Vireo |");
        }

        sb.Append('\n').Append("|---|").Append(string.Concat(Enumerable.Repeat("---|---|", rows.Count))).Append('\n');
        foreach (var g in FlagGroup.All.Where(g => g.Name != "all flags"))
        {
            var union = rows.SelectMany(r => r.Flags(r.Libvirt, g).Union(r.Flags(r.Vireo, g))).Distinct().Order(StringComparer.Ordinal);
            foreach (var flag in union)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| `{flag}` |");
                foreach (var r in rows)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" {YesNo(r.Libvirt.Has(flag))} | {YesNo(r.Vireo.Has(flag))} |");
                }

                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string YesNo(bool present) => present ? "yes" : "—";

    private static string List(IEnumerable<string> flags)
    {
        var text = string.Join(", ", flags.Select(f => "`" + f + "`"));
        return text.Length == 0 ? "—" : text;
    }

    private static string Same(bool same) => same ? "identical" : "differ";

    private static string HostCpu(LiveComparison r, Accelerator accel) => r.HostCpuIdentical(accel) switch
    {
        null => "none in either",
        true => "identical",
        false when !r.Libvirt.HostCpus.ContainsKey(accel) => "only Vireo",
        false when !r.Vireo.HostCpus.ContainsKey(accel) => "only libvirt",
        false => "differ",
    };

    private static string Gic(LiveComparison r) =>
        r.Libvirt.Gic.IsEmpty && r.Vireo.Gic.IsEmpty ? "—" : Same(r.GicIdentical);
}
