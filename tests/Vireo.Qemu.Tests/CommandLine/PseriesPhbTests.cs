using Vireo.Qemu.Configuration;
using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.CommandLine;

/// <summary>
/// A pSeries guest may have more than one PCI host bridge: the default one (target index 0) is
/// the machine's own, every other is a <c>spapr-pci-host-bridge</c> device with its index.
/// </summary>
public class PseriesPhbTests
{
    private static List<string> Devices(string devices)
    {
        var host = Host("ppc64", "device.json", "spapr-pci-host-bridge", "spapr-pci-host-bridge.numa_node");
        var config = new DriverConfig();
        var def = PostParse(GuestXml("ppc64", "pseries", "<controller type='usb' model='none'/>" + devices), host, config);
        var cmd = QemuEngine.BuildCommandLine(def, host, config, new LaunchContext { TestHarness = true });
        var args = cmd.Arguments.ToList();
        return [.. args.Where((a, i) => i > 0 && args[i - 1] == "-device")];
    }

    [Fact]
    public void ExtraPhbs_AreDevicesWithTheirTargetIndex_AndNumaNode()
    {
        var devices = Devices(
            "<controller type='pci' index='0' model='pci-root'/>" +
            "<controller type='pci' index='1' model='pci-root'><target index='1'><node>0</node></target></controller>" +
            "<controller type='pci' index='2' model='pci-root'><target index='2'/></controller>");

        Assert.Contains("{\"driver\":\"spapr-pci-host-bridge\",\"index\":1,\"id\":\"pci.1\",\"numa_node\":0}", devices);
        Assert.Contains("{\"driver\":\"spapr-pci-host-bridge\",\"index\":2,\"id\":\"pci.2\"}", devices);
        Assert.DoesNotContain(devices, d => d.Contains("\"index\":0", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDefaultPhb_IsNotADevice()
    {
        var devices = Devices("<controller type='pci' index='0' model='pci-root'/>");

        Assert.DoesNotContain(devices, d => d.Contains("spapr-pci-host-bridge", StringComparison.Ordinal));
    }
}
