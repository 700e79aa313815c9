using System.Collections.Immutable;
using Vireo.Domain;
using Vireo.Domain.Xml;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Firmware;
using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.Machine;

/// <summary>Machine options, guest CPU, guest memory, clock and firmware selection on the command line.</summary>
public class MachineCpuMemoryTests
{
    private static readonly LaunchContext Launch = new()
    {
        TestHarness = true,
        PassedListenFd = 1729,
        Now = DateTimeOffset.FromUnixTimeSeconds(1234567890),
        LocalUtcOffset = TimeSpan.FromMinutes(-30),
    };

    private static List<string> Args(string xml, DriverConfig? config = null, string arch = "x86_64", params string[] flags)
    {
        var host = Host(arch, flags);
        config ??= new DriverConfig();
        var def = PostParse(xml, host, config);
        return [.. QemuEngine.BuildCommandLine(def, host, config, Launch).Arguments];
    }

    private static string ValueOf(List<string> args, string option) =>
        args[args.IndexOf(option) + 1];

    private static IEnumerable<string> ValuesOf(List<string> args, string option) =>
        args.Where((a, i) => i > 0 && args[i - 1] == option);

    [Fact]
    public void MachineOptions_FollowLibvirtsOrder()
    {
        var xml = GuestXml("x86_64", "q35", devices: "<serial type='pty'/>", extra: "<features><vmport state='off'/><smm state='on'/></features>", os: "<bios useserial='yes'/>")
            .Replace("<memory unit='KiB'>219136</memory>", "<memory unit='KiB' dumpCore='on'>219136</memory><memoryBacking><nosharepages/></memoryBacking>", StringComparison.Ordinal);
        Assert.Equal("q35,usb=off,vmport=off,smm=on,dump-guest-core=on,mem-merge=off,graphics=off", ValueOf(Args(xml, flags: "isa-serial"), "-machine"));
    }

    [Fact]
    public void HostModel_OnTheFakeCore2duoHost_IsTheHostModelWithItsFeatures()
    {
        var args = Args(GuestXml("x86_64", "pc", extra: "<cpu mode='host-model'/>"));
        Assert.Equal("core2duo,ds=on,acpi=on,ss=on,ht=on,tm=on,pbe=on,ds-cpl=on,vmx=on,est=on,tm2=on,cx16=on,xtpr=on,lahf-lm=on", ValueOf(args, "-cpu"));
    }

    [Fact]
    public void OptionalFeatures_FollowTheHost()
    {
        var cpu = "<cpu match='exact'><model>core2duo</model><feature name='tm' policy='optional'/><feature name='sse4a' policy='optional'/></cpu>";
        Assert.Equal("core2duo,tm=on,sse4a=off", ValueOf(Args(GuestXml("x86_64", "pc", extra: cpu)), "-cpu"));
    }

    [Fact]
    public void UnsupportedModel_WithoutFallback_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", extra: "<cpu match='exact'><model fallback='forbid'>Westmere</model></cpu>");
        var host = Host("x86_64");
        var def = PostParse(xml, host);
        var ex = Assert.ThrowsAny<Vireo.Domain.Errors.VireoException>(() => QemuEngine.BuildCommandLine(def, host, new DriverConfig(), Launch));
        Assert.Equal("unsupported configuration: CPU model Westmere is not supported by hypervisor", ex.Message);
    }

    [Fact]
    public void ParavirtualSwitches_AreAppendedToTheDefaultModel()
    {
        var extra = "<features><apic eoi='off'/><pvspinlock/><hyperv><relaxed state='on'/><spinlocks state='on' retries='4096'/></hyperv></features>" +
                    "<clock offset='utc'><timer name='kvmclock' present='no'/></clock>";
        Assert.Equal("qemu64,kvmclock=off,kvm-pv-eoi=off,kvm-pv-unhalt=on,hv-relaxed=on,hv-spinlocks=0x1000", ValueOf(Args(GuestXml("x86_64", "pc", extra: extra)), "-cpu"));
    }

    [Fact]
    public void NodeHugepages_UseAFileBackendUnderTheMount_Preallocated()
    {
        var config = WithHugepages(("/dev/hugepages2M", 2048, true));
        var extra = "<memoryBacking><hugepages><page size='2048' unit='KiB' nodeset='0'/></hugepages></memoryBacking><cpu><numa><cell id='0' cpus='0' memory='219136' unit='KiB'/></numa></cpu>";
        var args = Args(GuestXml("x86_64", "pc", extra: extra), config);
        Assert.Contains("memory-backend-file,id=ram-node0,mem-path=/dev/hugepages2M/libvirt/qemu/-1-guest,prealloc=on,size=224395264", ValuesOf(args, "-object"));
        Assert.Contains("node,nodeid=0,cpus=0,memdev=ram-node0", ValuesOf(args, "-numa"));
    }

    [Fact]
    public void DefaultHugepages_WithoutBackends_UseTheLegacySwitches()
    {
        var config = WithHugepages(("/dev/hugepages2M", 2048, true));
        var args = Args(GuestXml("x86_64", "pc", extra: "<memoryBacking><hugepages/></memoryBacking>"), config);
        Assert.Contains("-mem-prealloc", args);
        Assert.Equal("/dev/hugepages2M/libvirt/qemu/-1-guest", ValueOf(args, "-mem-path"));
    }

    [Fact]
    public void PlainNumaCells_UseMem_WhenTheMachineAcceptsIt()
    {
        var extra = "<cpu><numa><cell cpus='0' memory='100000'/><cell cpus='1' memory='119136'/></numa></cpu>";
        var args = Args(GuestXml("x86_64", "pc", extra: extra).Replace(">1</vcpu>", ">2</vcpu>", StringComparison.Ordinal));
        Assert.Equal(["node,nodeid=0,cpus=0,mem=98", "node,nodeid=1,cpus=1,mem=117"], ValuesOf(args, "-numa"));
        Assert.Equal("215", ValueOf(args, "-m"));
    }

    [Fact]
    public void Dimms_GetSlotsAndBackends()
    {
        var xml = GuestXml(
            "x86_64",
            "pc",
            devices: "<memory model='dimm'><target><size unit='KiB'>524288</size><node>0</node></target></memory>",
            extra: "<maxMemory slots='4' unit='KiB'>4194304</maxMemory><cpu><numa><cell cpus='0' memory='219136'/></numa></cpu>")
            .Replace("<memory unit='KiB'>219136</memory>", "<memory unit='KiB'>743424</memory>", StringComparison.Ordinal);
        var args = Args(xml);
        Assert.Equal("size=219136k,slots=4,maxmem=4194304k", ValueOf(args, "-m"));
        Assert.Contains("pc-dimm,node=0,memdev=memdimm0,id=dimm0,slot=0", ValuesOf(args, "-device"));
    }

    [Fact]
    public void VariableClock_InLocalTime_IsConvertedToUtc()
    {
        var args = Args(GuestXml("x86_64", "pc", extra: "<clock offset='variable' adjustment='3600' basis='localtime'/>"));
        Assert.Equal("base=2009-02-14T00:01:30", ValueOf(args, "-rtc"));
    }

    [Fact]
    public void FirmwareAutoSelection_PicksTheFirstMatchingDescriptor()
    {
        var bios = new FirmwareDescriptor
        {
            FileName = "40-bios.json",
            InterfaceTypes = ["bios"],
            Device = "memory",
            Executable = "/usr/share/seabios/bios-256k.bin",
            Targets = [new FirmwareTarget("x86_64", ["pc-*"])],
        };
        var efi = new FirmwareDescriptor
        {
            FileName = "50-ovmf.json",
            InterfaceTypes = ["uefi"],
            Device = "flash",
            Executable = "/usr/share/OVMF/OVMF_CODE.secboot.fd",
            NvramTemplate = "/usr/share/OVMF/OVMF_VARS.fd",
            Targets = [new FirmwareTarget("x86_64", ["pc-q35-*"])],
            Features = ["requires-smm", "secure-boot"],
        };
        var config = new DriverConfig { FirmwareDescriptors = [bios, efi] };
        var xml = GuestXml("x86_64", "pc-q35-8.0", extra: "<features><acpi/></features>", type: "kvm")
            .Replace("<os>", "<os firmware='efi'>", StringComparison.Ordinal);
        var host = Host("x86_64");
        var caps = host.CapabilitiesByEmulator["/usr/bin/qemu-system-x86_64"];
        caps = caps with { Machines = caps.Machines.Add(new Vireo.Capabilities.MachineType { Name = "pc-q35-8.0", Accelerator = Vireo.Capabilities.Accelerator.Kvm }) };
        host = host with { CapabilitiesByEmulator = host.CapabilitiesByEmulator.SetItem(caps.Emulator, caps) };
        var def = QemuEngine.PostParse(DomainXmlParser.Parse(xml), host, config);
        var args = QemuEngine.BuildCommandLine(def, host, config, Launch).Arguments.ToList();
        Assert.StartsWith("pc-q35-8.0,usb=off,smm=on,", ValueOf(args, "-machine"), StringComparison.Ordinal);
        Assert.Contains("pflash0=libvirt-pflash0-format,pflash1=libvirt-pflash1-format", ValueOf(args, "-machine"), StringComparison.Ordinal);
        Assert.Contains("driver=cfi.pflash01,property=secure,value=on", ValuesOf(args, "-global"));
    }
    [Fact]
    public void CpuFeatures_WithoutAQemuProperty_AreLeftOffTheCommandLine()
    {
        var cpu = "<cpu mode='host-passthrough'><feature name='osxsave' policy='disable'/><feature name='vmx' policy='disable'/></cpu>";
        Assert.Equal("host,vmx=off", ValueOf(Args(GuestXml("x86_64", "pc", extra: cpu, type: "kvm")), "-cpu"));
    }

    [Fact]
    public void FeaturesRemovedFromAModel_AreTurnedOffExplicitly()
    {
        Assert.Equal(["intel-pt"], Vireo.Qemu.Cpu.CpuFeatureNames.RemovedFromModel("x86_64", "Icelake-Server"));
        Assert.Empty(Vireo.Qemu.Cpu.CpuFeatureNames.RemovedFromModel("x86_64", "Skylake-Server"));
        Assert.False(Vireo.Qemu.Cpu.CpuFeatureNames.HasQemuProperty("x86_64", "pconfig"));
        Assert.True(Vireo.Qemu.Cpu.CpuFeatureNames.HasQemuProperty("s390x", "pconfig"));
    }

    [Fact]
    public void NetworkNvram_GetsADiskLikeStorageNode()
    {
        var os = "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>" +
                 "<nvram type='network'><source protocol='nbd' name='bar'><host name='example.org' port='6000'/></source></nvram>";
        var args = Args(GuestXml("x86_64", "pc", extra: "<features><acpi/></features>", os: os));
        var blockdevs = ValuesOf(args, "-blockdev").ToList();
        Assert.Contains(blockdevs, b => b.Contains("\"driver\":\"nbd\"", StringComparison.Ordinal) && b.Contains("\"node-name\":\"libvirt-pflash1-storage\"", StringComparison.Ordinal));
        Assert.DoesNotContain(blockdevs, b => b.Contains("_VARS.fd", StringComparison.Ordinal));
    }
    [Fact]
    public void PSeries_OutOfSlots_GrowsAnotherPhb()
    {
        var scsi = string.Concat(Enumerable.Range(0, 32).Select(i => $"<controller type='scsi' index='{i}' model='virtio-scsi'/>"));
        var host = Host("ppc64", "spapr-pci-host-bridge", "virtio-scsi-pci");
        var def = PostParse(GuestXml("ppc64", "pseries", devices: scsi), host, new DriverConfig());
        var phb = Assert.Single(def.DevicesOf<Vireo.Domain.Devices.ControllerDevice>(), c => c.Type == "pci" && c.Index == 1);
        Assert.Equal(("pci-root", "spapr-pci-host-bridge", 1), (phb.Model, phb.ModelName, phb.TargetIndex));
    }
}
