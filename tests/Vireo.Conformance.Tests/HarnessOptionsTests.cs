using Vireo.Conformance.Corpus;

namespace Vireo.Conformance.Tests;

public class HarnessOptionsTests
{
    [Fact]
    public void Empty_HasNothing()
    {
        var o = HarnessOptions.Parse("");

        Assert.Empty(o.Entries);
        Assert.Null(o.Gic);
        Assert.Null(o.IncomingUri);
        Assert.Empty(o.HarnessFlags);
    }

    [Fact]
    public void RepeatedKeys_KeepAllValues()
    {
        var o = HarnessOptions.Parse("fdgroup=testgroup2:700,705;fdgroup=testgroup5:704");

        Assert.Equal(["testgroup2:700,705", "testgroup5:704"], o.GetAll("fdgroup"));
        Assert.Equal("testgroup5:704", o.Get("fdgroup"));
    }

    [Theory]
    [InlineData("NONE", new int[0])]
    [InlineData("V2", new[] { 2 })]
    [InlineData("V3", new[] { 3 })]
    [InlineData("BOTH", new[] { 2, 3 })]
    public void Gic_MapsToKernelAndEmulatedVersions(string value, int[] versions)
    {
        var gic = HarnessOptions.Parse("gic=" + value).Gic!.Value;

        Assert.Equal(versions, gic.Select(g => g.Version));
        Assert.All(gic, g => Assert.True(g.Kernel && g.Emulated));
    }

    [Theory]
    [InlineData("migrate_from=stdio;migrate_fd=7", "fd:7")]
    [InlineData("migrate_from=exec:cat", "exec:cat")]
    [InlineData("migrate_from=tcp:10.0.0.1:5000", "tcp:10.0.0.1:5000")]
    public void IncomingUri_FollowsHarnessRules(string extra, string uri) =>
        Assert.Equal(uri, HarnessOptions.Parse(extra).IncomingUri);

    [Fact]
    public void Flags_AreSplitAndQueried()
    {
        var o = HarnessOptions.Parse("flags=SKIP_LEGACY_CPUS,FIPS_HOST;addflags=sev-guest");

        Assert.True(o.HasHarnessFlag("SKIP_LEGACY_CPUS"));
        Assert.True(o.HasHarnessFlag("FIPS_HOST"));
        Assert.False(o.HasHarnessFlag("SLIRP_HELPER"));
        Assert.Equal(["sev-guest"], o.AddFlags);
    }
}
