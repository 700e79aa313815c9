using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.Preparation.Validation;

public class MemoryAndCpuRulesTests
{
    private const string FourCells =
        "<cpu><numa><cell id='0' cpus='0' memory='1048576'/><cell id='1' cpus='1' memory='1048576'/>" +
        "<cell id='2' cpus='2' memory='1048576'/><cell id='3' cpus='3' memory='1048576'/></numa></cpu>";

    [Fact]
    public void TwoDefaultHugepageSizes_AreRefused()
    {
        var backing = "<memoryBacking><hugepages><page size='1048576' unit='KiB'/><page size='2048' unit='KiB' nodeset='0'/></hugepages></memoryBacking>";
        RefusedAtParse(GuestXml("i686", "pc", extra: backing), Host("i686"), "XML error: two master hugepages detected: 2048 and 1048576");
    }

    [Fact]
    public void HugepagesOnMissingNode_AreRefused()
    {
        var backing = "<memoryBacking><hugepages><page size='2048' unit='KiB' nodeset='1,4'/></hugepages></memoryBacking>";
        RefusedAtParse(GuestXml("x86_64", "pc", extra: backing + FourCells).Replace("<vcpu placement='static'>1</vcpu>", "<vcpu placement='static'>4</vcpu>", StringComparison.Ordinal), Host("x86_64"), "XML error: hugepages: node 4 not found");
    }

    [Fact]
    public void HugepageSize_WithoutMount_FailsAtLaunch()
    {
        var backing = "<memoryBacking><hugepages><page size='5' unit='MiB'/></hugepages></memoryBacking>";
        var config = WithHugepages(("/dev/hugepages2M", 2048, true), ("/dev/hugepages1G", 1048576, false));
        RefusedAtLaunch(GuestXml("x86_64", "pc", extra: backing), Host("x86_64"), "internal error: Unable to find any usable hugetlbfs mount for 5120 KiB", config);
    }

    [Fact]
    public void NumaCellIds_MustStartAtZero()
    {
        var cpu = "<cpu><numa><cell id='1' cpus='0' memory='109550' unit='KiB'/></numa></cpu>";
        RefusedAtParse(GuestXml("x86_64", "pc", extra: cpu), Host("x86_64"), "XML error: Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed");
    }

    [Fact]
    public void Memnode_WithoutNumaCells_IsRefused()
    {
        var tune = "<numatune><memnode cellid='0' mode='interleave' nodeset='3'/></numatune>";
        RefusedAtParse(GuestXml("x86_64", "pc", extra: tune), Host("x86_64"), "XML error: Element 'memnode' is invalid without any guest NUMA cells");
    }

    [Fact]
    public void OverlappingVcpuSched_IsRefused()
    {
        var tune = "<cputune><vcpusched vcpus='0-1' scheduler='fifo' priority='1'/><vcpusched vcpus='1-2' scheduler='fifo' priority='1'/></cputune>";
        RefusedAtParse(GuestXml("i686", "pc", extra: tune), Host("i686"), "XML error: 'vcpusched' attributes 'vcpus' must not overlap");
    }

    [Fact]
    public void TsegOnI440fx_IsRefused()
    {
        var features = "<features><smm state='on'><tseg unit='MiB'>48</tseg></smm></features>";
        RefusedAtParse(GuestXml("x86_64", "pc", extra: features), Host("x86_64", "mch.extended-tseg-mbytes"), "unsupported configuration: SMM TSEG is only supported with q35 machine type");
    }

    [Fact]
    public void GicOnPseries_IsRefused()
    {
        RefusedAtParse(GuestXml("ppc64", "pseries", extra: "<features><gic/></features>"), Host("ppc64"), "unsupported configuration: The 'gic' feature is not supported for architecture 'ppc64' or machine type 'pseries'");
    }

    [Fact]
    public void CachePassthrough_WithLevel_IsRefused()
    {
        var cpu = "<cpu mode='host-passthrough'><cache level='3' mode='passthrough'/></cpu>";
        RefusedAtParse(GuestXml("x86_64", "pc", extra: cpu, type: "kvm"), Host("x86_64"), "unsupported configuration: unsupported CPU cache level for mode 'passthrough'");
    }

    [Fact]
    public void HostPassthrough_UnderTcg_FailsAtLaunch()
    {
        var xml = GuestXml("x86_64", "pc", extra: "<cpu mode='host-passthrough'/>");
        RefusedAtLaunch(xml, Host("x86_64"), "unsupported configuration: CPU mode 'host-passthrough' for x86_64 qemu domain on x86_64 host is not supported by hypervisor");
    }

    [Fact]
    public void SveDisabled_WithVectorLengths_IsRefused()
    {
        var cpu = "<cpu mode='host-passthrough'><feature policy='disable' name='sve'/><feature policy='require' name='sve128'/></cpu>";
        RefusedAtParse(GuestXml("aarch64", "virt", extra: cpu, type: "kvm"), Host("aarch64"), "unsupported configuration: SVE disabled, but SVE vector lengths provided");
    }

    [Fact]
    public void BiosDate_MustBeADate()
    {
        var sysinfo = "<sysinfo type='smbios'><bios><entry name='date'>999/999/123</entry></bios></sysinfo>";
        RefusedAtParse(GuestXml("i686", "pc", extra: sysinfo), Host("i686"), "XML error: Invalid BIOS 'date' format");
    }
}
