using System.Globalization;
using System.Text;
using Vireo.Capabilities;

namespace Vireo.Probing.Tests;

/// <summary>
/// Replays every probing conversation libvirt recorded (<c>caps_*.replies</c>) through the
/// prober and compares the result with the capabilities libvirt derived from it
/// (<c>caps_*.xml</c>): machine types must match exactly, flags at least 95%.
/// </summary>
public class ReplayProbeTests(ITestOutputHelper output)
{
    private const double MinimumFlagRate = 0.95;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        var names = Corpus.ReplayNames();
        if (names.Count == 0)
        {
            data.Add("");
        }

        foreach (var n in names)
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Replay_MatchesRecordedCapabilities(string name)
    {
        var dir = Corpus.CapsDirOrSkip();
        var cmp = await ReplayComparison.RunAsync(dir, name, TestContext.Current.CancellationToken);

        output.WriteLine($"{name}: flags {cmp.FlagsMatched}/{cmp.Recorded.Flags.Count}, machines {cmp.MachinesMatched}/{cmp.Recorded.Machines.Length}");
        output.WriteLine("missing: " + string.Join(' ', cmp.MissingFlags));
        output.WriteLine("extra:   " + string.Join(' ', cmp.ExtraFlags));
        output.WriteLine("unmatched queries: " + string.Join(", ", cmp.Unmatched.Keys.Order(StringComparer.Ordinal)));

        Assert.Equal(cmp.Recorded.Version, cmp.Derived.Version);
        Assert.Equal(cmp.Recorded.Arch, cmp.Derived.Arch);
        Assert.Equal(cmp.Recorded.Package, cmp.Derived.Package);
        Assert.Equal(cmp.Recorded.Machines, cmp.Derived.Machines);
        Assert.True(cmp.FlagRate >= MinimumFlagRate, $"flag match {cmp.FlagRate:P1} below {MinimumFlagRate:P0}; missing: {string.Join(' ', cmp.MissingFlags)}");
    }

    [Fact]
    public async Task Replay_Table()
    {
        var dir = Corpus.CapsDirOrSkip();
        var rows = new List<ReplayComparison>();
        foreach (var name in Corpus.ReplayNames())
        {
            rows.Add(await ReplayComparison.RunAsync(dir, name, TestContext.Current.CancellationToken));
        }

        var table = FormatTable(rows);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("VIREO_PROBING_TABLE") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, table, TestContext.Current.CancellationToken);
        }

        Assert.Equal(Corpus.ReplayNames().Count, rows.Count);
    }

    internal static string FormatTable(IReadOnlyList<ReplayComparison> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| version | arch | flags matched | % | extra flags | machines matched | whole caps XML |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            if (!CapsFileIndex.TryParseFileName(r.Name + ".xml", out var version, out var arch))
            {
                (version, arch) = (r.Name, "?");
            }

            sb.Append(CultureInfo.InvariantCulture, $"| {version} | {arch} | {r.FlagsMatched}/{r.Recorded.Flags.Count} | {r.FlagRate * 100:0.0}% | {r.ExtraFlags.Count} | {r.MachinesMatched}/{r.Recorded.Machines.Length} | {(r.XmlIdentical ? "identical" : "differs")} |\n");
        }

        var matched = rows.Sum(r => r.FlagsMatched);
        var total = rows.Sum(r => r.Recorded.Flags.Count);
        sb.Append(CultureInfo.InvariantCulture, $"| **all** | | {matched}/{total} | {(total == 0 ? 100 : matched * 100.0 / total):0.0}% | {rows.Sum(r => r.ExtraFlags.Count)} | {rows.Sum(r => r.MachinesMatched)}/{rows.Sum(r => r.Recorded.Machines.Length)} | {rows.Count(r => r.XmlIdentical)}/{rows.Count} identical |\n");
        return sb.ToString();
    }
}
