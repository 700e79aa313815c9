using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.Preparation.Validation;

public class DiskRulesTests
{
    private static string Disk(string target, string bus, string extra = "", string type = "file", string source = "<source file='/tmp/a.img'/>", string device = "disk") =>
        $"<disk type='{type}' device='{device}'>{source}<target dev='{target}' bus='{bus}'/>{extra}</disk>";

    [Theory]
    [InlineData("cow", "unsupported configuration: 'cow' storage format is not supported")]
    [InlineData("iso", "unsupported configuration: storage format 'iso' is not directly supported by QEMU, use 'raw' instead")]
    public void UnsupportedFormats_AreRefused(string format, string message)
    {
        var xml = GuestXml("x86_64", "pc", Disk("hda", "ide", $"<driver name='qemu' type='{format}'/>"));
        RefusedAtParse(xml, Host("x86_64"), message);
    }

    [Fact]
    public void PartitionTarget_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", Disk("vdb1", "virtio"));
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: invalid disk target 'vdb1', partitions can't appear in disk targets");
    }

    [Fact]
    public void DuplicateTargets_NameBothSources_InLibvirtDiskOrder()
    {
        // libvirt keeps disks grouped by bus: the second IDE disk moves before the USB one.
        var xml = GuestXml(
            "x86_64",
            "pc",
            Disk("hda", "ide") + Disk("sda", "usb", source: "<source file='/tmp/usbdisk.img'/>") + Disk("sda", "ide", source: "<source file='/tmp/idedisk.img'/>"));
        RefusedAtParse(xml, Host("x86_64"), "XML error: target 'sda' duplicated for disk sources '/tmp/idedisk.img' and '/tmp/usbdisk.img'");
    }

    [Fact]
    public void FloppyWithPciAddress_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", Disk("fda", "fdc", "<address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x1'/>", device: "floppy"));
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: Invalid address type 'pci' for the disk 'fda' with the bus type 'fdc'");
    }

    [Fact]
    public void VendorOnVirtioDisk_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", Disk("vda", "virtio", "<vendor>SEAGATE</vendor>"));
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: Only scsi disk supports vendor and product");
    }

    [Fact]
    public void LunOnFile_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", Disk("vda", "virtio", device: "lun"));
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: disk device='lun' is only valid for block type disk source");
    }

    [Fact]
    public void SameDriveAddress_OnOneBus_IsRefused()
    {
        var xml = GuestXml(
            "x86_64",
            "q35",
            Disk("sda", "sata") + Disk("sdb", "sata", "<address type='drive' controller='0' bus='0' target='0' unit='0'/>", source: "<source file='/tmp/b.img'/>"));
        RefusedAtParse(xml, Host("x86_64", "ich9-ahci"), "unsupported configuration: Found duplicate drive address for disk with target name 'sda' controller='0' bus='0' target='0' unit='0'");
    }
}
