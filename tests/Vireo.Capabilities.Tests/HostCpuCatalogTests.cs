namespace Vireo.Capabilities.Tests;

public class HostCpuCatalogTests
{
    [Fact]
    public void Core2duo_MatchesSpec()
    {
        var cpu = HostCpuCatalog.Get("core2duo");

        Assert.Equal("x86_64", cpu.Arch);
        Assert.Equal("Intel", cpu.Vendor);
        Assert.Equal((1, 2, 1), (cpu.Sockets, cpu.Cores, cpu.Threads));
        Assert.Equal(["ds", "acpi", "ss", "ht", "tm", "pbe", "ds_cpl", "vmx", "est", "tm2", "cx16", "xtpr", "lahf_lm"], cpu.Features);
    }

    [Fact]
    public void Haswell_HasTwentyFourFeaturesInOrder()
    {
        var cpu = HostCpuCatalog.Get("Haswell");

        Assert.Equal(24, cpu.Features.Length);
        Assert.Equal("vme", cpu.Features[0]);
        Assert.Equal("lahf_lm", cpu.Features[^1]);
        Assert.Equal((1, 2, 2), (cpu.Sockets, cpu.Cores, cpu.Threads));
    }

    [Theory]
    [InlineData("x86_64", "core2duo", 1, 2, 1)]
    [InlineData("i686", "core2duo", 1, 2, 1)]
    [InlineData("ppc64", "POWER8", 1, 8, 8)]
    [InlineData("aarch64", null, 1, 4, 1)]
    [InlineData("s390x", null, 2, 1, 1)]
    [InlineData("sparc", null, 1, 1, 1)]
    public void DefaultFor_PerArch(string arch, string? model, int s, int c, int t)
    {
        var cpu = HostCpuCatalog.DefaultFor(arch);

        Assert.NotNull(cpu);
        Assert.Equal(model, cpu.Model);
        Assert.Equal((s, c, t), (cpu.Sockets, cpu.Cores, cpu.Threads));
    }

    [Fact]
    public void UnknownAndOthers()
    {
        Assert.Null(HostCpuCatalog.DefaultFor("riscv64"));
        Assert.Null(HostCpuCatalog.TryGet("nope"));
        Assert.Throws<CapabilitiesException>(() => HostCpuCatalog.Get("nope"));
        Assert.Equal("Broadwell", HostCpuCatalog.DomainCapsDefaultFor("x86_64")!.Model);
        Assert.Equal((1, 16, 1), (HostCpuCatalog.Get("POWER10").Sockets, HostCpuCatalog.Get("POWER10").Cores, HostCpuCatalog.Get("POWER10").Threads));
    }
}
