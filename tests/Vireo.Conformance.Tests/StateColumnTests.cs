using Vireo.Conformance.Corpus;
using Vireo.Conformance.Harness;

namespace Vireo.Conformance.Tests;

public class StateColumnTests
{
    [Fact]
    public void Parse_SplitsScopeKeyAndValue()
    {
        var s = StateColumn.Parse("cfg.vncTLSx509certdir=NULL;env.QEMU_AUDIO_DRV=sdl;cfg.vncSASLdir=/root/.sasl2");

        Assert.Equal(
            [
                new StateSetting("cfg", "vncTLSx509certdir", null),
                new StateSetting("env", "QEMU_AUDIO_DRV", "sdl"),
                new StateSetting("cfg", "vncSASLdir", "/root/.sasl2"),
            ],
            s);
    }

    [Fact]
    public void Parse_ValueMayContainEqualsAndDots() =>
        Assert.Equal(new StateSetting("env", "X", "a=b.c"), Assert.Single(StateColumn.Parse("env.X=a=b.c")));

    [Fact]
    public void Parse_EmptyIsBaseline() => Assert.Empty(StateColumn.Parse("  "));

    [Fact]
    public void Apply_MapsConfigKeys()
    {
        var applied = HarnessConfig.Apply(
            HarnessConfig.ArgvBaseline,
            "cfg.vncTLS=1;cfg.vncTLSx509verify=1;cfg.vncTLSx509certdir=NULL;cfg.chardevTLSx509secretUUID=6fd3f62d-9fe7-4a4e-a869-7acd6376d8ea;" +
            "cfg.vncSASL=1;cfg.vncSASLdir=/root/.sasl2;cfg.nogfxAllowHostAudio=1;cfg.spiceTLS=0;cfg.dumpGuestCore=1");
        var c = applied.Config;

        Assert.Empty(applied.Unrecognized);
        Assert.True(c.VncTls);
        Assert.True(c.VncTlsX509Verify);
        Assert.Null(c.VncTlsX509CertDir);
        Assert.Equal("6fd3f62d-9fe7-4a4e-a869-7acd6376d8ea", c.ChardevTlsX509SecretUuid);
        Assert.True(c.VncSasl);
        Assert.Equal("/root/.sasl2", c.VncSaslDir);
        Assert.True(c.NoGraphicsAllowHostAudio);
        Assert.False(c.SpiceTls);
        Assert.True(c.DumpGuestCore);
    }

    [Fact]
    public void Apply_EnvSetsAndUnsets()
    {
        var c = HarnessConfig.Apply(HarnessConfig.ArgvBaseline, "env.QEMU_AUDIO_DRV=sdl;env.SDL_AUDIODRIVER=esd;env.PATH=NULL").Config;

        Assert.Equal("sdl", c.HostEnvironment["QEMU_AUDIO_DRV"]);
        Assert.Equal("esd", c.HostEnvironment["SDL_AUDIODRIVER"]);
        Assert.False(c.HostEnvironment.ContainsKey("PATH"));
    }

    [Fact]
    public void Apply_UnknownKeysAreReturnedNotApplied()
    {
        var applied = HarnessConfig.Apply(HarnessConfig.ArgvBaseline, "cfg.noSuchThing=1;cfg.vncTLS=maybe;weird=1");

        Assert.Equal(["noSuchThing", "vncTLS", "weird"], applied.Unrecognized.Select(s => s.Key));
        Assert.Equal(HarnessConfig.ArgvBaseline, applied.Config);
    }

    [Fact]
    public void ArgvBaseline_MatchesHarnessTable()
    {
        var c = HarnessConfig.ArgvBaseline;

        Assert.True(c.SpiceTls);
        Assert.Equal("123456", c.SpicePassword);
        Assert.Equal("/etc/pki/libvirt-vxhs/dummy,path", c.VxhsTlsX509CertDir);
        Assert.Equal("/etc/pki/libvirt-nbd/dummy,path", c.NbdTlsX509CertDir);
        Assert.Equal(2, c.Hugetlbfs.Length);
        Assert.True(c.Hugetlbfs[0].IsDefault);
        Assert.Equal(1048576UL, c.Hugetlbfs[1].PageSizeKiB);
        Assert.Equal("/bad-test-used-env-xdg-runtime-dir/libvirt/qemu/run/dbus", c.DbusStateDir);
        Assert.Equal("/bad-test-used-env-xdg-runtime-dir/libvirt/qemu/run/passt", c.PasstStateDir);
        Assert.Equal(4, c.Firmwares.Length);
        Assert.Equal(-1, c.SeccompSandbox);
    }

    [Fact]
    public void Corpus_EveryStateSettingIsRecognized()
    {
        var root = CorpusLocation.RootOrSkip();

        var argv = CorpusReader.ReadArgv(root).SelectMany(c => HarnessConfig.Apply(HarnessConfig.ArgvBaseline, c.State).Unrecognized);
        var xml = CorpusReader.ReadXml2Xml(root).SelectMany(c => HarnessConfig.Apply(HarnessConfig.Xml2XmlBaseline, c.State).Unrecognized);

        Assert.Empty(argv.Concat(xml).Select(s => s.ToString()).Distinct());
    }
}
