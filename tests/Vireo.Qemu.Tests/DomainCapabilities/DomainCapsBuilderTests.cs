using Vireo.Capabilities;
using Vireo.Domain.Errors;
using Vireo.Qemu.DomainCapabilities;

namespace Vireo.Qemu.Tests.DomainCapabilities;

public class DomainCapsBuilderTests
{
    private static readonly QemuCapabilities Caps = new()
    {
        Emulator = "/usr/bin/qemu-system-x86_64",
        Arch = "x86_64",
        Flags = ["tcg", "vnc", "VGA"],
        Machines =
        [
            new MachineType { Name = "pc-i440fx-8.0", Alias = "pc", MaxCpus = 255, Accelerator = Accelerator.Tcg },
            new MachineType { Name = "pc-q35-8.0", Alias = "q35", MaxCpus = 288, Accelerator = Accelerator.Tcg },
        ],
    };

    private static readonly HostInfo Host = new() { Arch = "x86_64" };

    [Fact]
    public void Machine_AliasIsCanonicalised() =>
        Assert.Equal("pc-q35-8.0", DomainCapabilitiesBuilder.Build(Caps, Host, "q35", "qemu", new DomainCapsOptions()).Machine);

    [Fact]
    public void Machine_DefaultsToFirstListed()
    {
        var dc = DomainCapabilitiesBuilder.Build(Caps, Host, null, "qemu", new DomainCapsOptions());

        Assert.Equal("pc-i440fx-8.0", dc.Machine);
        Assert.Equal(255, dc.MaxVcpus);
    }

    [Fact]
    public void UnknownMachine_IsRefused()
    {
        var ex = Assert.Throws<DomainCapabilitiesException>(() => DomainCapabilitiesBuilder.Build(Caps, Host, "isapc", "qemu", new DomainCapsOptions()));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("invalid argument: the machine 'isapc' is not supported by emulator '/usr/bin/qemu-system-x86_64'", ex.Message);
    }

    [Fact]
    public void KvmWithoutKvm_IsRefused() =>
        Assert.Throws<DomainCapabilitiesException>(() => DomainCapabilitiesBuilder.Build(Caps, Host, null, "kvm", new DomainCapsOptions()));

    [Fact]
    public void IncompatibleArch_IsRefused() =>
        Assert.Throws<DomainCapabilitiesException>(() => DomainCapabilitiesBuilder.Build(Caps, Host, null, "qemu", new DomainCapsOptions { Arch = "aarch64" }));

    [Fact]
    public void I686OnX86Binary_IsReportedAsI686() =>
        Assert.Equal("i686", DomainCapabilitiesBuilder.Build(Caps, Host, null, "qemu", new DomainCapsOptions { Arch = "i686" }).Arch);

    [Fact]
    public void WithoutSwtpm_NoEmulatorBackendNorVersions()
    {
        var caps = Caps with { Flags = Caps.Flags.Union(["tpm-tis", "tpm-emulator", "tpm-passthrough"]) };

        var tpm = DomainCapabilitiesBuilder.Build(caps, Host, null, "qemu", new DomainCapsOptions()).Devices.Tpm;

        Assert.True(tpm.Supported);
        Assert.Equal(["passthrough"], tpm.Enum("backendModel")!.Values);
        Assert.Null(tpm.Enum("backendVersion"));
    }

    [Fact]
    public void LoaderValues_ConfiguredLoadersUsedOnlyWithoutDescriptors()
    {
        var opts = new DomainCapsOptions { ConfiguredLoaders = ["/a.fd", "/b.fd", "/a.fd"], FileExists = p => p != "/b.fd" };

        var dc = DomainCapabilitiesBuilder.Build(Caps, Host, null, "qemu", opts);

        Assert.Equal(["/a.fd"], dc.Os.Loader.Values);
        Assert.Empty(dc.Os.Firmware.Values);
    }

    [Fact]
    public void Formatter_PrintsEmptyEnumsClosed()
    {
        var text = DomainCapabilitiesFormatter.Format(DomainCapabilitiesBuilder.Build(Caps, Host, null, "qemu", new DomainCapsOptions()));

        Assert.Contains("    <enum name='firmware'/>\n", text, StringComparison.Ordinal);
        Assert.Contains("      <enum name='capsType'/>\n", text, StringComparison.Ordinal);
        Assert.Contains("    <mode name='custom' supported='no'/>\n", text, StringComparison.Ordinal);
        Assert.EndsWith("</domainCapabilities>\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Post90Sections_OnlyWhenAsked()
    {
        var plain = DomainCapabilitiesFormatter.Format(DomainCapabilitiesBuilder.Build(Caps, Host, null, "qemu", new DomainCapsOptions()));
        var newer = DomainCapabilitiesFormatter.Format(DomainCapabilitiesBuilder.Build(Caps, Host, null, "qemu", new DomainCapsOptions { IncludePost90Sections = true }));

        Assert.DoesNotContain("crypto", plain, StringComparison.Ordinal);
        Assert.Contains("<crypto supported='yes'>", newer, StringComparison.Ordinal);
        Assert.Contains("<async-teardown supported='no'/>", newer, StringComparison.Ordinal);
    }
}
