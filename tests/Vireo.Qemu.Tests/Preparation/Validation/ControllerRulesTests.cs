using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.Preparation.Validation;

public class ControllerRulesTests
{
    [Fact]
    public void TwoPciBridges_WithOneIndex_AreRefused()
    {
        var xml = GuestXml("x86_64", "pc", "<controller type='pci' index='0' model='pci-root'/><controller type='pci' index='1' model='pci-bridge'/><controller type='pci' index='1' model='pci-bridge'/>");
        RefusedAtParse(xml, Host("x86_64"), "XML error: Multiple 'pci' controllers with index '1'");
    }

    [Fact]
    public void PciRoot_WithAddress_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", "<controller type='pci' index='0' model='pci-root'><address type='pci' domain='0' bus='0' slot='0' function='0'/></controller>");
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: pci-root and pcie-root controllers should not have an address");
    }

    [Fact]
    public void PciRoot_WithNonZeroIndex_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", "<controller type='pci' index='7' model='pci-root'/>");
        RefusedAtParse(xml, Host("x86_64"), "XML error: pci-root and pcie-root controllers should have index 0");
    }

    [Fact]
    public void ExpanderBus_OnMissingNumaNode_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", "<controller type='pci' index='0' model='pci-root'/><controller type='pci' index='1' model='pci-expander-bus'><target busNr='254'><node>1</node></target></controller>");
        RefusedAtParse(xml, Host("x86_64", "pxb"), "XML error: pci-expander-bus with index 1 is configured for a NUMA node (1) not present in the domain's <cpu><numa> array (0)");
    }

    [Fact]
    public void XhciPorts_AboveFifteen_AreRefused()
    {
        var xml = GuestXml("x86_64", "pc", "<controller type='usb' index='0' model='qemu-xhci' ports='16'/>");
        RefusedAtParse(xml, Host("x86_64", "qemu-xhci"), "unsupported configuration: 'qemu-xhci' controller only supports up to '15' ports");
    }

    [Fact]
    public void Companion_WithoutMaster_IsRefused()
    {
        var xml = GuestXml("i686", "pc", "<controller type='usb' index='0' model='ich9-uhci2'><master startport='2'/></controller>");
        RefusedAtParse(xml, Host("i686", "ich9-usb-ehci1"), "XML error: No master USB controller specified");
    }

    [Fact]
    public void UsbModel_MissingFromBinary_FailsAtLaunch()
    {
        var xml = GuestXml("x86_64", "q35", "<controller type='usb' index='0' model='nec-xhci'/>");
        RefusedAtLaunch(xml, Host("x86_64", "piix3-usb-uhci"), "unsupported configuration: USB controller model 'nec-xhci' not supported in this QEMU binary");
    }

    [Fact]
    public void PciRootHotplug_WithoutCapability_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", "<controller type='pci' index='0' model='pci-root'><target hotplug='off'/></controller>");
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: setting the 'hotplug' property on a 'pci-root' device is not supported by this QEMU binary");
    }
}
