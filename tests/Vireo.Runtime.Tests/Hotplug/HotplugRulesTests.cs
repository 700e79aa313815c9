using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Runtime.Hotplug;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.Hotplug;

public class HotplugRulesTests
{
    [Theory]
    [InlineData("<video><model type='virtio'/></video>", "video devices cannot be hot-plugged")]
    [InlineData("<video><model type='ramfb'/></video>", "a ramfb display cannot be hot-plugged: it lives in fw_cfg")]
    [InlineData("<hostdev mode='subsystem' type='mdev' model='vfio-pci' display='on' ramfb='on'><source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source></hostdev>", "becomes vfio-pci-nohotplug")]
    [InlineData("<controller type='pci' model='pcie-root-port'/>", "controllers cannot be hot-plugged")]
    [InlineData("<graphics type='vnc'/>", "graphics (VNC/SPICE) cannot be hot-plugged")]
    [InlineData("<watchdog model='i6300esb'/>", "<watchdog> devices cannot be hot-plugged by Vireo")]
    public void Refused_up_front_with_the_reason_and_what_to_do(string xml, string reason)
    {
        var ex = Assert.Throws<RuntimeException>(() => HotplugRules.CheckElement(XElement.Parse(xml), "hot-plugged"));
        Assert.Contains(reason, ex.Message);
        Assert.StartsWith("Operation not supported: ", ex.Message);
        Assert.True(ex.Message.Contains("start the guest again", StringComparison.Ordinal) || ex.Message.Contains("use ", StringComparison.Ordinal), ex.Message);
    }

    [Theory]
    [InlineData("<disk type='file' device='disk'><source file='/a'/><target dev='vdb' bus='virtio'/></disk>")]
    [InlineData("<interface type='user'/>")]
    [InlineData("<hostdev mode='subsystem' type='usb'><source><vendor id='0x1234'/><product id='0x5678'/></source></hostdev>")]
    [InlineData("<input type='tablet' bus='usb'/>")]
    public void Pluggable_kinds_pass(string xml) =>
        HotplugRules.CheckElement(XElement.Parse(xml), "hot-plugged");

    [Fact]
    public void A_device_on_pcie_root_is_refused()
    {
        var def = Domains.Parse(Domains.X86("g", machine: "q35", video: "", extraDevices: "<controller type='pci' index='0' model='pcie-root'/>"));
        var disk = new DiskDevice { TargetDev = "vdb", TargetBus = "virtio" }.WithAddress(new PciAddress(0, 0, 5, 0));
        var ex = Assert.Throws<RuntimeException>(() => HotplugRules.CheckDevice(disk, def, "hot-plugged"));
        Assert.Contains("(pcie-root) cannot take hot-plugged devices", ex.Message);
        Assert.Contains("leave the <address> out", ex.Message);
    }

    [Fact]
    public void The_pc_root_bus_needs_ACPI()
    {
        var def = Domains.Parse(Domains.X86("g", video: ""));
        var nic = new InterfaceDevice { Type = "user" }.WithAddress(new PciAddress(0, 0, 5, 0));
        var ex = Assert.Throws<RuntimeException>(() => HotplugRules.CheckDevice(nic, def, "hot-plugged"));
        Assert.Contains("takes hot-plug only through ACPI", ex.Message);

        var withAcpi = Domains.Parse(Domains.X86("g", video: "", extra: "<features><acpi/></features>"));
        HotplugRules.CheckDevice(nic, withAcpi, "hot-plugged");
    }

    [Theory]
    [InlineData("sata")]
    [InlineData("ide")]
    public void Disks_on_buses_without_hotplug_are_refused(string bus)
    {
        var def = Domains.Parse(Domains.X86("g"));
        var ex = Assert.Throws<RuntimeException>(() => HotplugRules.CheckDevice(new DiskDevice { TargetDev = "sdb", TargetBus = bus }, def, "hot-plugged"));
        Assert.Contains($"'{bus}' bus cannot be hot-plugged", ex.Message);
        Assert.Contains("use bus='virtio'", ex.Message);
    }
}
