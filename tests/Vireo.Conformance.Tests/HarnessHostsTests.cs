using Vireo.Capabilities;
using Vireo.Conformance.Corpus;
using Vireo.Conformance.Harness;

namespace Vireo.Conformance.Tests;

public class HarnessHostsTests
{
    private static HarnessHosts Hosts(string root) => new(Path.Combine(root, "tests", "qemucapabilitiesdata"));

    private static ArgvCase Fake(string arch, string flags = "", string extra = "", string hostOs = "linux", string hostCpu = "core2duo") => new()
    {
        Name = "t",
        Arch = arch,
        Caps = "flags",
        Flags = [.. flags.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        Extra = HarnessOptions.Parse(extra),
        InputXml = "qemuxml2argvdata/t.xml",
        Expected = "qemuxml2argvdata/t.args",
        HostOs = hostOs,
        HostCpu = hostCpu,
    };

    [Fact]
    public void FakeArgvCaps_RegisteredUnderFakeEmulatorWithMachines()
    {
        var host = new HarnessHosts("/nonexistent").ForArgv(Fake("x86_64", "virtio-vga"));

        var (emulator, caps) = Assert.Single(host.CapabilitiesByEmulator);
        Assert.Equal("/usr/bin/qemu-system-x86_64", emulator);
        Assert.True(caps.Has("virtio-vga"));
        Assert.True(caps.Has("kvm"));
        Assert.NotNull(caps.FindMachine("pc", Accelerator.Tcg));
        Assert.Equal("core2duo", host.Cpu!.Model);
        Assert.Empty(host.CapabilitiesFor("/usr/bin/qemu-system-aarch64").Flags);
    }

    [Fact]
    public void FakeArgvCaps_AliasArchUsesAliasedEmulator()
    {
        var host = new HarnessHosts("/nonexistent").ForArgv(Fake("ppc64le", hostCpu: "POWER8"));

        var (emulator, caps) = Assert.Single(host.CapabilitiesByEmulator);
        Assert.Equal("/usr/bin/qemu-system-ppc64", emulator);
        Assert.Equal("ppc64", caps.Arch);
    }

    [Fact]
    public void HostCpuExtra_OverridesColumn_AndNoneMeansNoCpu()
    {
        var hosts = new HarnessHosts("/nonexistent");

        Assert.Equal("POWER9", hosts.ForArgv(Fake("ppc64", extra: "hostcpu=POWER9", hostCpu: "POWER8")).Cpu!.Model);
        Assert.Null(hosts.ForArgv(Fake("aarch64", hostCpu: "none")).Cpu);
    }

    [Fact]
    public void SameSetup_IsCached()
    {
        var hosts = new HarnessHosts("/nonexistent");

        Assert.Same(hosts.ForArgv(Fake("x86_64", "a,b")), hosts.ForArgv(Fake("x86_64", "a,b")));
        Assert.NotSame(hosts.ForArgv(Fake("x86_64", "a,b")), hosts.ForArgv(Fake("x86_64", "a")));
    }

    [Fact]
    public void Xml2XmlFakeCaps_EveryFakeArchGetsACopy()
    {
        var c = new Xml2XmlCase { Name = "t", Caps = "flags", Flags = ["virtio-vga"], InputXml = "i", Expected = "e" };

        var host = new HarnessHosts("/nonexistent").ForXml2Xml(c);

        Assert.Equal(FlagListCapabilities.FakeArches.Count, host.CapabilitiesByEmulator.Count);
        var arm = host.CapabilitiesFor("/usr/bin/qemu-system-aarch64");
        Assert.Equal("aarch64", arm.Arch);
        Assert.True(arm.Has("virtio-vga"));
        Assert.Equal("x86_64", host.Arch);
    }

    [Fact]
    public void RealLatestCaps_KeepAliasesAsMachines()
    {
        var root = CorpusLocation.RootOrSkip();
        var hosts = Hosts(root);
        var latest = Fake("x86_64") with { Caps = "caps_8.0.0.x86_64.xml", Expected = "qemuxml2argvdata/t.x86_64-latest.args" };
        var versioned = latest with { Expected = "qemuxml2argvdata/t.x86_64-8.0.0.args" };

        var l = hosts.ForArgv(latest).CapabilitiesFor("/usr/bin/qemu-system-x86_64");
        var v = hosts.ForArgv(versioned).CapabilitiesFor("/usr/bin/qemu-system-x86_64");

        Assert.Contains(l.Machines, m => m.Name == "pc");
        Assert.DoesNotContain(v.Machines, m => m.Name == "pc");
        Assert.Same(hosts.LoadCapsFile("caps_8.0.0.x86_64.xml"), hosts.LoadCapsFile("caps_8.0.0.x86_64.xml"));
    }

    [Fact]
    public void RealCaps_AddFlagsAreOredIn()
    {
        var root = CorpusLocation.RootOrSkip();
        var c = Fake("x86_64", extra: "addflags=some-test-flag") with { Caps = "caps_8.0.0.x86_64.xml" };

        var caps = Hosts(root).ForArgv(c).CapabilitiesFor("/usr/bin/qemu-system-x86_64");

        Assert.True(caps.Has("some-test-flag"));
    }

    [Fact]
    public void Launch_HasHarnessValues()
    {
        var ctx = HarnessLaunch.ForArgv(Fake("x86_64", extra: "migrate_from=stdio;migrate_fd=7"));

        Assert.Equal(-1, ctx.DomainId);
        Assert.Equal("/tmp/lib", ctx.LibDir);
        Assert.Equal("/tmp/channel", ctx.ChannelTargetDir);
        Assert.Equal(1729, ctx.PassedListenFd);
        Assert.True(ctx.TestHarness);
        Assert.Equal("fd:7", ctx.IncomingUri);
    }
}
