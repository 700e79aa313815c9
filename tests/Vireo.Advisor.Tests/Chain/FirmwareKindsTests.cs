using Vireo.Advisor.Chain;
using Vireo.Domain.Xml;

namespace Vireo.Advisor.Tests.Chain;

public class FirmwareKindsTests
{
    [Theory]
    [InlineData("x86_64", "q35", "<os firmware='efi'>", "", "ovmf")]
    [InlineData("aarch64", "virt", "<os firmware='efi'>", "", "aavmf")]
    [InlineData("x86_64", "pc", "<os firmware='bios'>", "", "seabios")]
    [InlineData("x86_64", "pc", "<os>", "", "seabios")]
    [InlineData("x86_64", "pc", "<os>", "<kernel>/boot/vmlinuz</kernel>", "seabios")]
    [InlineData("aarch64", "virt", "<os>", "<kernel>/boot/vmlinuz</kernel>", "none")]
    [InlineData("aarch64", "virt", "<os>", "<loader readonly='yes' type='pflash'>/usr/share/AAVMF/AAVMF_CODE.fd</loader>", "aavmf")]
    [InlineData("aarch64", "virt", "<os>", "<loader readonly='yes' type='pflash'>/usr/share/edk2/aarch64/QEMU_EFI-pflash.raw</loader>", "aavmf")]
    [InlineData("x86_64", "q35", "<os>", "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.secboot.fd</loader>", "ovmf")]
    [InlineData("x86_64", "q35", "<os>", "<loader readonly='yes' type='pflash'>/usr/share/qemu/edk2-x86_64-code.fd</loader>", "ovmf")]
    [InlineData("x86_64", "pc", "<os>", "<loader type='rom'>/usr/share/seabios/bios-256k.bin</loader>", "seabios")]
    [InlineData("x86_64", "q35", "<os>", "<loader readonly='yes' type='pflash'>/opt/fw/custom.fd</loader>", "unknown")]
    public void Firmware_is_classified_from_os(string arch, string machine, string os, string inner, string expected)
    {
        var xml = $"<domain type='kvm'><name>f</name><memory>1048576</memory>{os}<type arch='{arch}' machine='{machine}'>hvm</type>{inner}</os></domain>";
        var def = DomainXmlParser.Parse(xml, new DomainParseOptions { Inactive = true });

        Assert.Equal(expected, FirmwareKinds.Classify(def));
    }

    [Theory]
    [InlineData("x86_64", "x86")]
    [InlineData("i686", "x86")]
    [InlineData("aarch64", "arm")]
    [InlineData("armv7l", "arm")]
    [InlineData("ppc64le", "ppc")]
    [InlineData("s390x", "s390")]
    [InlineData("riscv64", "riscv")]
    [InlineData("loongarch64", "other")]
    public void Arch_families(string arch, string family) => Assert.Equal(family, ArchFamilies.Of(arch));
}
