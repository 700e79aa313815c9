using System.Globalization;
using System.Text;
using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Tests.Disks;

namespace Vireo.Qemu.Tests.Addressing;

/// <summary>
/// A pc (i440fx) domain that outgrows pci.0 gets pci-bridge controllers as libvirt 9.0 adds
/// them. The expected files in Golden/ are the reference libvirt's own output for these
/// domains (see Golden/README.md): <c>virsh define</c> + <c>dumpxml</c> for the XML, the
/// <c>-device</c> arguments of <c>virsh domxml-to-native qemu-argv</c> for the command line.
/// </summary>
public class AutoPciBridgeTests
{
    public static TheoryData<string> GoldenDomains() => new(
        "pc-40-virtio-nics",
        "pc-100-virtio-disks",
        "pc-explicit-bus-no-bridge",
        "pc-bridge-defined",
        "pc-bridge-defined-chassis",
        "pc-bridge-index-gap",
        "pc-video-28-disks",
        "pc-mixed-devices-0",
        "pc-mixed-devices-3");

    [Theory]
    [MemberData(nameof(GoldenDomains))]
    public void NormalisedXml_MatchesLibvirt(string name)
    {
        var def = PostParse(File.ReadAllText(GoldenPath(name + ".xml")));

        var xml = DomainXmlFormatter.Format(def, new DomainFormatOptions { Inactive = true });

        Assert.Equal(File.ReadAllText(GoldenPath(name + ".libvirt.xml")), xml.EndsWith('\n') ? xml : xml + "\n");
    }

    [Theory]
    [MemberData(nameof(GoldenDomains))]
    public void DeviceArguments_MatchLibvirt(string name)
    {
        var devices = DeviceArguments(File.ReadAllText(GoldenPath(name + ".xml")));

        Assert.Equal(File.ReadAllText(GoldenPath(name + ".libvirt-devices.txt")), devices);
    }

    [Fact]
    public void FiveHundredVirtioDisks_GetSixteenBridges_AsLibvirt()
    {
        var xml = DisksDomain("j-disks500", 500);

        var devices = DeviceArguments(xml);

        Assert.Equal(File.ReadAllText(GoldenPath("pc-500-virtio-disks.libvirt-devices.txt")), devices);
        Assert.Equal(16, PostParse(xml).DevicesOf<ControllerDevice>().Count(c => c.Model == "pci-bridge"));
    }

    /// <summary>
    /// Bridges added for N virtio disks (plus the implicit balloon) on a pc domain with no
    /// video, as the reference libvirt 9.0 counted them: one slot of pci.0 is kept for a
    /// bridge before the devices are placed, and every added bridge needs a free slot after.
    /// </summary>
    [Theory]
    [InlineData(28, 0)]
    [InlineData(29, 1)]
    [InlineData(40, 1)]
    [InlineData(58, 1)]
    [InlineData(60, 2)]
    [InlineData(88, 2)]
    [InlineData(91, 3)]
    [InlineData(99, 3)]
    public void BridgeCount_FollowsLibvirt(int disks, int bridges)
    {
        var def = PostParse(DisksDomain("j-count", disks));

        var added = def.DevicesOf<ControllerDevice>().Where(c => c.Model == "pci-bridge").ToList();

        Assert.Equal(bridges, added.Count);
        Assert.Equal(Enumerable.Range(1, bridges), added.Select(c => c.Index));
        Assert.All(added, c => Assert.Equal(c.Index, c.TargetChassisNr));

        // The bridges take the first free slots of pci.0, from 0x2 on.
        Assert.Equal(
            Enumerable.Range(2, bridges).Select(s => new PciAddress(0, 0, s, 0)),
            added.Select(c => c.Info.Address));
    }

    /// <summary>
    /// Where the devices exactly fill the buses they need, libvirt 9.0 finds no slot for the
    /// bridge itself and refuses the domain (same text, checked with the reference virsh).
    /// </summary>
    [Theory]
    [InlineData(59)]
    [InlineData(89)]
    [InlineData(90)]
    public void BusesExactlyFull_AreRefusedAsLibvirt(int disks)
    {
        var ex = Assert.ThrowsAny<VireoException>(() => PostParse(DisksDomain("j-full", disks)));

        Assert.Equal(
            "internal error: a PCI slot is needed to connect a PCI controller model='pci-bridge', but none is available, and it cannot be automatically added",
            ex.Message);
    }

    [Fact]
    public void PciControllerWithoutModel_IsRefusedAsLibvirt()
    {
        var xml = DisksDomain("j-nomodel", 3).Replace("<devices>", "<devices><controller type='pci' index='1'/>", StringComparison.Ordinal);

        var ex = Assert.ThrowsAny<VireoException>(() => PostParse(xml));

        Assert.Equal("internal error: PCI controller model was not set correctly", ex.Message);
    }

    [Fact]
    public void DomainThatFitsOnPciZero_GetsNoBridge()
    {
        var def = PostParse(DisksDomain("j-small", 5));

        Assert.DoesNotContain(def.DevicesOf<ControllerDevice>(), c => c.Model == "pci-bridge");
    }

    private static string DeviceArguments(string xml)
    {
        var host = Host();
        var config = new DriverConfig();
        var def = QemuEngine.PostParse(DomainXmlParser.Parse(xml, new DomainParseOptions { Inactive = true }), host, config, inactive: true);
        var cmd = QemuEngine.BuildCommandLine(def, host, config, new LaunchContext { DomainId = 1 });
        var sb = new StringBuilder();
        for (var i = 0; i + 1 < cmd.Arguments.Length; i++)
        {
            if (cmd.Arguments[i] == "-device")
            {
                sb.Append(cmd.Arguments[i + 1]).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static Domain.DomainDefinition PostParse(string xml) =>
        QemuEngine.PostParse(DomainXmlParser.Parse(xml, new DomainParseOptions { Inactive = true }), Host(), new DriverConfig(), inactive: true);

    private static HostInfo Host() => HostInfoFactory.SingleBinaryHost(EmbeddedSnapshots.For("x86_64")!);

    private static string GoldenPath(string file) => Path.Combine(AppContext.BaseDirectory, "Addressing", "Golden", file);

    /// <summary>The same domain as Golden/pc-100-virtio-disks.xml, with <paramref name="count"/> disks.</summary>
    private static string DisksDomain(string name, int count)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<domain type='qemu'><name>{name}</name><uuid>6f1d2c3a-1b2c-4d5e-8f90-a1b2c3d4e5f6</uuid>")
            .Append("<memory unit='KiB'>524288</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>")
            .Append("<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>");
        for (var i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/var/lib/libvirt/images/d{i}.img'/><target dev='vd{DiskNames.Suffix(i)}' bus='virtio'/></disk>");
        }

        return sb.Append("</devices></domain>").ToString();
    }
}
