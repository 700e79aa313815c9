using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.Preparation.Validation;

public class GuestAndNetRulesTests
{
    [Fact]
    public void RxQueueSize_MustBeAPowerOfTwo()
    {
        var net = "<interface type='user'><mac address='52:54:00:e5:48:58'/><model type='virtio'/><driver name='vhost' rx_queue_size='511'/></interface>";
        RefusedAtParse(GuestXml("x86_64", "pc", net), Host("x86_64"), "unsupported configuration: rx_queue_size has to be a power of two");
    }

    [Fact]
    public void CustomTap_OnVhostUser_FailsAtLaunch()
    {
        var net = "<interface type='vhostuser'><mac address='52:54:00:ee:96:6b'/><source type='unix' path='/tmp/vhost0.sock' mode='server'/>" +
                  "<model type='virtio'/><backend tap='/dev/mytap'/></interface>";
        var memory = "<memoryBacking><access mode='shared'/></memoryBacking>";
        RefusedAtLaunch(GuestXml("i686", "pc", net, extra: memory), Host("i686"), "unsupported configuration: interface 52:54:00:ee:96:6b - custom tap device path is not supported for network interfaces of type vhostuser");
    }

    [Fact]
    public void MemoryHotplug_WithoutNuma_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc").Replace("<memory unit='KiB'>219136</memory>", "<maxMemory slots='16' unit='KiB'>1099511627776</maxMemory><memory unit='KiB'>219136</memory>", StringComparison.Ordinal);
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: At least one numa node has to be configured when enabling memory hotplug");
    }

    [Fact]
    public void PanicAddress_OnPseries_IsRefused()
    {
        var panic = "<panic model='pseries'><address type='spapr-vio' reg='0x1'/></panic>";
        RefusedAtParse(GuestXml("ppc64", "pseries", panic), Host("ppc64", "spapr-pci-host-bridge"), "unsupported configuration: setting the panic device address is not supported for model 'pseries'");
    }

    [Fact]
    public void BiosSerial_WithoutSerialPort_IsRefused()
    {
        RefusedAtParse(GuestXml("x86_64", "pc", os: "<bios useserial='yes'/>"), Host("x86_64"), "XML error: need at least one serial port to use BIOS serial output");
    }

    [Fact]
    public void ZpciUidZero_IsRefused()
    {
        var hostdev = "<hostdev mode='subsystem' type='pci'><source><address domain='0x0000' bus='0x00' slot='0x00' function='0x0'/></source>" +
                      "<address type='pci' domain='0x0000' bus='0x00' slot='0x08' function='0x0'><zpci uid='0x000' fid='0x00000000'/></address></hostdev>";
        RefusedAtParse(GuestXml("s390x", "s390-ccw-virtio", hostdev), Host("s390x", "vfio-pci", "zpci"), "XML error: Invalid PCI address uid='0x0000', must be > 0x0000 and <= 0xffff");
    }

    [Fact]
    public void Virtiofs_WithoutSharedMemory_IsRefused()
    {
        var fs = "<filesystem type='mount' accessmode='passthrough'><driver type='virtiofs'/><source dir='/path'/><target dir='mount_tag'/></filesystem>";
        RefusedAtParse(GuestXml("x86_64", "q35", fs), Host("x86_64", "vhost-user-fs"), "unsupported configuration: 'virtiofs' requires shared memory");
    }
}
