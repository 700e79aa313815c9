using Vireo.Capabilities;

namespace Vireo.Probing.Tests;

/// <summary>
/// Probes the installed QEMU binaries and compares the result with libvirt 9.0's own probe of
/// the same binaries, the cache entries its daemon wrote. Skipped where either is missing.
/// Regenerate the table of docs/probing.md with
/// <c>VIREO_LIBVIRT_TABLE=/tmp/live.md dotnet test tests/Vireo.Probing.Tests -c Release --filter FullyQualifiedName~LibvirtLiveComparison</c>.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public class LibvirtLiveComparisonTests(ITestOutputHelper output)
{
    private static readonly string[] Binaries = ["/usr/bin/qemu-system-x86_64", "/usr/bin/qemu-system-aarch64"];

    public static TheoryData<string> BinaryNames() => [.. Binaries];

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public async Task Probe_MatchesLibvirtsOwnProbe(string binary)
    {
        var cmp = await CompareOrSkip(binary);

        foreach (var g in FlagGroup.All)
        {
            var l = cmp.Flags(cmp.Libvirt, g);
            var v = cmp.Flags(cmp.Vireo, g);
            Assert.True(l.SetEquals(v), $"{g.Name}: only libvirt {string.Join(' ', l.Except(v))}; only Vireo {string.Join(' ', v.Except(l))}");
        }

        Assert.Equal(cmp.Libvirt.Version, cmp.Vireo.Version);
        Assert.Equal(cmp.Libvirt.Package, cmp.Vireo.Package);
        Assert.Equal(cmp.Libvirt.Arch, cmp.Vireo.Arch);
        Assert.Equal(cmp.Libvirt.Machines, cmp.Vireo.Machines);
        Assert.True(cmp.CpuModelsIdentical, "CPU models differ");
        Assert.True(cmp.GicIdentical, "GIC capabilities differ");
        foreach (var accel in cmp.Libvirt.HostCpus.Keys)
        {
            Assert.True(cmp.HostCpuIdentical(accel), $"host-model CPU ({accel}) differs");
        }
    }

    [Fact]
    public async Task Comparison_Table()
    {
        var rows = new List<LiveComparison>();
        foreach (var binary in Binaries)
        {
            if (File.Exists(binary) && ProcessTable.Available && LibvirtCache.Find(binary) is not null)
            {
                rows.Add(await CompareOrSkip(binary));
            }
        }

        if (rows.Count == 0)
        {
            Assert.Skip("no QEMU binary with a libvirt capabilities cache entry here");
        }

        var table = LiveComparison.FormatTables(rows);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("VIREO_LIBVIRT_TABLE") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, table, TestContext.Current.CancellationToken);
        }
    }

    private async Task<LiveComparison> CompareOrSkip(string binary)
    {
        if (!File.Exists(binary) || !ProcessTable.Available)
        {
            Assert.Skip($"{binary} not installed (or no /proc)");
        }

        var libvirt = LibvirtCache.Find(binary);
        if (libvirt is null)
        {
            Assert.Skip($"no readable libvirt capabilities cache entry for {binary} in {LibvirtCache.Directory}");
            throw new InvalidOperationException("not reached");
        }

        using var scratch = new ProbeScratch();
        var result = await QemuProber.ProbeAsync(binary, new ProbeOptions { TempDirectory = scratch.Directory }, TestContext.Current.CancellationToken);
        scratch.AssertNothingLeft();
        var vireo = result.Capabilities;
        if (vireo.Version != libvirt.Version || vireo.Package != libvirt.Package)
        {
            Assert.Skip($"libvirt's cache entry is for QEMU {libvirt.Version} ({libvirt.Package}), the binary is {vireo.Version} ({vireo.Package})");
        }

        if (vireo.Has("kvm") != libvirt.Has("kvm"))
        {
            Assert.Skip($"KVM was {(libvirt.Has("kvm") ? "" : "not ")}usable when libvirt probed {binary} and is {(vireo.Has("kvm") ? "" : "not ")}now");
        }

        output.WriteLine($"{binary}: Vireo {result.Elapsed.TotalMilliseconds:0} ms; {vireo.Flags.Count} flags (libvirt {libvirt.Flags.Count})");
        return new LiveComparison(binary, libvirt, vireo, result.Elapsed);
    }
}
