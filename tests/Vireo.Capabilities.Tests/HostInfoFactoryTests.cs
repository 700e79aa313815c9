namespace Vireo.Capabilities.Tests;

public class HostInfoFactoryTests
{
    [Fact]
    public void Linux_AllGuestsQemuAndKvm()
    {
        var guests = HostInfoFactory.CorpusGuests("linux");

        Assert.Equal([.. FlagListCapabilities.FakeArches, "armv6l", "ppc64le"], guests.Select(g => g.Arch));
        Assert.All(guests, g => Assert.Equal(["qemu", "kvm"], g.DomainTypes));
        Assert.Equal("/usr/bin/qemu-system-ppc64", guests.Single(g => g.Arch == "ppc64le").Emulator);
    }

    [Fact]
    public void Macos_HvfOnlyForX86_64AndAarch64()
    {
        var host = HostInfoFactory.CorpusHost("macos");

        Assert.Equal(["qemu", "hvf"], host.FindGuest("x86_64")!.DomainTypes);
        Assert.Equal(["qemu", "hvf"], host.FindGuest("aarch64")!.DomainTypes);
        Assert.Equal(["qemu"], host.FindGuest("i686")!.DomainTypes);
        Assert.Equal("core2duo", host.Cpu!.Model);
    }
}
