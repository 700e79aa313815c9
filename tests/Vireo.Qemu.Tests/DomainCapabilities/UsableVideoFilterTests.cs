using Vireo.Qemu.DomainCapabilities;

namespace Vireo.Qemu.Tests.DomainCapabilities;

public class UsableVideoFilterTests
{
    private static readonly DomainCapsEnum All =
        new("modelType", ["vga", "cirrus", "vmvga", "qxl", "virtio", "none", "bochs", "ramfb"]);

    private static string[] Filter(string arch, string? machine, string virtType, bool s2fwb = false) =>
        [.. UsableVideoFilter.Apply(All, arch, machine, virtType, s2fwb).Values];

    [Fact]
    public void ArmKvm_DropsBarFramebufferModels() =>
        Assert.Equal(["virtio", "none", "ramfb"], Filter("aarch64", "virt-7.0", "kvm"));

    [Fact]
    public void Armv7Kvm_DropsBarFramebufferModels() =>
        Assert.Equal(["virtio", "none", "ramfb"], Filter("armv7l", "virt", "kvm"));

    [Fact]
    public void ArmKvmWithS2fwb_KeepsEverything() =>
        Assert.Equal(All.Values, Filter("aarch64", "virt-7.0", "kvm", s2fwb: true));

    [Fact]
    public void ArmTcg_KeepsBarFramebufferModels() =>
        Assert.Equal(All.Values, Filter("aarch64", "virt", "qemu"));

    [Fact]
    public void ArmBoardWithoutFwCfg_DropsRamfb() =>
        Assert.Equal(["vga", "cirrus", "vmvga", "qxl", "virtio", "none", "bochs"], Filter("aarch64", "integratorcp", "qemu"));

    [Theory]
    [InlineData("kvm")]
    [InlineData("qemu")]
    public void S390_KeepsOnlyVirtioAndNone(string virtType) =>
        Assert.Equal(["virtio", "none"], Filter("s390x", "s390-ccw-virtio-5.2", virtType));

    [Theory]
    [InlineData("pc-i440fx-8.0")]
    [InlineData("pc-q35-8.0")]
    public void X86_KeepsEverything(string machine) =>
        Assert.Equal(All.Values, Filter("x86_64", machine, "kvm"));

    [Fact]
    public void PSeries_DropsRamfbOnly() =>
        Assert.Equal(["vga", "cirrus", "vmvga", "qxl", "virtio", "none", "bochs"], Filter("ppc64", "pseries-7.1", "kvm"));

    [Theory]
    [InlineData("x86_64", "pc", true)]
    [InlineData("x86_64", "microvm", true)]
    [InlineData("aarch64", "virt-7.0", true)]
    [InlineData("aarch64", "virtual", false)]
    [InlineData("riscv64", "virt", true)]
    [InlineData("ppc64", "pseries", false)]
    [InlineData("ppc", "mac99", true)]
    [InlineData("s390x", "s390-ccw-virtio", false)]
    [InlineData("x86_64", null, false)]
    public void FwCfgMachines(string arch, string? machine, bool expected) =>
        Assert.Equal(expected, UsableVideoFilter.MachineHasFwCfg(arch, machine));

    [Fact]
    public void Removals_NameTheReason()
    {
        var removals = UsableVideoFilter.Removals("aarch64", "virt", "kvm", hostHasS2fwb: false);

        Assert.Equal(["vga", "cirrus", "vmvga", "bochs", "qxl"], removals.Select(r => r.Model));
        Assert.All(removals, r => Assert.Contains("FEAT_S2FWB", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Table_EveryRuleIsAKnownVideoModelWithAReason()
    {
        string[] libvirtModels = ["vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels", "virtio", "gop", "none", "bochs", "ramfb"];
        Assert.All(UsableVideoFilter.Rules, r =>
        {
            Assert.Contains(r.Model, libvirtModels);
            Assert.False(string.IsNullOrWhiteSpace(r.Reason));
        });
        Assert.DoesNotContain(UsableVideoFilter.Rules, r => r.Model is "virtio" or "none");
        Assert.Equal(UsableVideoFilter.Rules.Length, UsableVideoFilter.Rules.Distinct().Count());
    }

    [Fact]
    public void Builder_AppliesFilterOnlyWhenAsked()
    {
        var caps = new Vireo.Capabilities.QemuCapabilities
        {
            Emulator = "/usr/bin/qemu-system-aarch64",
            Arch = "aarch64",
            Flags = ["kvm", "tcg", "VGA", "virtio-gpu", "ramfb", "bochs-display"],
            Machines = [new Vireo.Capabilities.MachineType { Name = "virt-7.0", Alias = "virt", Accelerator = Vireo.Capabilities.Accelerator.Kvm }],
        };
        var host = new Vireo.Capabilities.HostInfo { Arch = "aarch64" };

        var plain = DomainCapabilitiesBuilder.Build(caps, host, "virt", "kvm", new DomainCapsOptions());
        var usable = DomainCapabilitiesBuilder.Build(caps, host, "virt", "kvm", new DomainCapsOptions { UsableVideoOnly = true });

        Assert.Equal(["vga", "virtio", "none", "bochs", "ramfb"], plain.Devices.Video.Enum("modelType")!.Values);
        Assert.Equal(["virtio", "none", "ramfb"], usable.Devices.Video.Enum("modelType")!.Values);
    }
}
