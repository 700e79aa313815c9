using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.Preparation.Validation;

public class DeviceAddressRulesTests
{
    private const string Hub1 = "<hub type='usb'><address type='usb' bus='0' port='1'/></hub>";

    [Fact]
    public void PciSlot_OutOfRange_IsRefused()
    {
        var xml = GuestXml("i686", "pc", "<memballoon model='virtio'><address type='pci' domain='0x0000' bus='0x00' slot='0x20' function='0x0'/></memballoon>");
        RefusedAtParse(xml, Host("i686"), "XML error: Invalid PCI address slot='0x20', must be <= 0x1F");
    }

    [Fact]
    public void PciBus_OutOfRange_IsRefused()
    {
        var xml = GuestXml("i686", "pc", "<memballoon model='virtio'><address type='pci' domain='0x0000' bus='0x100' slot='0x05' function='0x0'/></memballoon>");
        RefusedAtParse(xml, Host("i686"), "XML error: Invalid PCI address bus='0x100', must be <= 0xFF");
    }

    [Fact]
    public void Piix3IdeFunction_CannotBeReused()
    {
        var xml = GuestXml("i686", "pc", "<controller type='ide' index='0'/><memballoon model='virtio'><address type='pci' slot='1' function='1'/></memballoon>");
        RefusedAtParse(xml, Host("i686"), "XML error: Attempted double use of PCI Address 0000:00:01.1");
    }

    [Fact]
    public void UsbDeviceOnHubPort_IsDuplicate()
    {
        var xml = GuestXml("i686", "pc", "<controller type='usb' index='0'/>" + Hub1 + "<input type='mouse' bus='usb'><address type='usb' bus='0' port='1'/></input>");
        RefusedAtParse(xml, Host("i686", "usb-hub"), "XML error: Duplicate USB address bus 0 port 1");
    }

    [Fact]
    public void UsbPortBehindMissingHub_IsRefused()
    {
        var xml = GuestXml("i686", "pc", "<controller type='usb' index='0'/><input type='mouse' bus='usb'><address type='usb' bus='0' port='1.2.3'/></input>");
        RefusedAtParse(xml, Host("i686", "usb-hub"), "XML error: there is no hub at port 1 in USB address bus: 0 port: 1.2.3");
    }

    [Fact]
    public void UsbPortBeyondHub_IsRefused()
    {
        var xml = GuestXml("i686", "pc", "<controller type='usb' index='0'/>" + Hub1 + "<hub type='usb'><address type='usb' bus='0' port='1.9'/></hub>");
        RefusedAtParse(xml, Host("i686", "usb-hub"), "XML error: requested USB port 1.9 not present on USB bus 0");
    }

    [Fact]
    public void UsbPortPath_TooDeep_IsRefused()
    {
        var xml = GuestXml("i686", "pc", "<controller type='usb' index='0'/><hub type='usb'><address type='usb' bus='0' port='1.1.1.1.1'/></hub>");
        RefusedAtParse(xml, Host("i686", "usb-hub"), "internal error: Cannot parse <address> 'port' attribute");
    }

    [Fact]
    public void UsbBusWithoutController_FailsAtLaunch()
    {
        var xml = GuestXml("i686", "pc", "<controller type='usb' index='0'/><input type='mouse' bus='usb'><address type='usb' bus='0'/></input><hub type='usb'><address type='usb' bus='1'/></hub>");
        RefusedAtLaunch(xml, Host("i686", "usb-hub", "piix3-usb-uhci"), "XML error: USB bus 1 requested but no controller with that index is present");
    }

    [Fact]
    public void UsbInput_WithUsbDisabled_IsRefused()
    {
        var xml = GuestXml("i686", "pc", "<controller type='usb' model='none' index='0'/><input type='tablet' bus='usb'/>");
        RefusedAtParse(xml, Host("i686"), "unsupported configuration: Can't add USB input device. USB bus is disabled");
    }
}
