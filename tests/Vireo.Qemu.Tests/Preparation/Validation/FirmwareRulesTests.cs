using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.Preparation.Validation;

public class FirmwareRulesTests
{
    [Fact]
    public void BootMenuTimeout_AboveRange_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", os: "<boot dev='hd'/><bootmenu enable='yes' timeout='65536'/>");
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: invalid value for boot menu timeout, must be in range [0,65535]");
    }

    [Fact]
    public void BootMenuTimeout_InRange_IsAccepted()
    {
        var xml = GuestXml("x86_64", "pc", os: "<boot dev='hd'/><bootmenu enable='yes' timeout='3000'/>");
        _ = PostParse(xml, Host("x86_64"));
    }

    [Fact]
    public void OsBootAndDeviceBootOrder_AreExclusive()
    {
        var xml = GuestXml(
            "x86_64",
            "pc",
            os: "<boot dev='hd'/>",
            devices: "<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/><boot order='1'/></disk>");
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: per-device boot elements cannot be used together with os/boot elements");
    }

    [Fact]
    public void DuplicateBootOrder_IsRefused()
    {
        var xml = GuestXml(
            "x86_64",
            "pc",
            devices: "<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/><boot order='1'/></disk>" +
                     "<disk type='file' device='disk'><source file='/b.img'/><target dev='vdb' bus='virtio'/><boot order='1'/></disk>");
        RefusedAtParse(xml, Host("x86_64"), "XML error: boot order '1' used for more than one device");
    }

    [Fact]
    public void StatelessLoader_WithNvramTemplate_IsRefused()
    {
        var xml = GuestXml(
            "x86_64",
            "pc",
            os: "<loader stateless='yes' readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader><nvram template='/usr/share/OVMF/OVMF_VARS.fd'/>",
            extra: "<features><acpi/></features>");
        RefusedAtParse(xml, Host("x86_64"), "XML error: NVRAM template is not permitted when loader is stateless");
    }

    [Fact]
    public void ManualPflashWithoutPath_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", os: "<loader readonly='yes' type='pflash'/>", extra: "<features><acpi/></features>");
        RefusedAtParse(xml, Host("x86_64"), "XML error: no loader path specified and firmware auto selection disabled");
    }

    [Fact]
    public void BiosFirmware_WithNvram_IsRefused()
    {
        var xml = GuestXml("x86_64", "q35", os: "<nvram>/path/to/VARS.fd</nvram>", extra: "<features><acpi/></features>")
            .Replace("<os>", "<os firmware='bios'>", StringComparison.Ordinal);
        RefusedAtParse(xml, Host("x86_64"), "XML error: firmware type 'bios' does not support nvram");
    }

    [Fact]
    public void X86Uefi_WithoutAcpi_IsRefused()
    {
        var xml = GuestXml("x86_64", "q35", os: "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>");
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: UEFI requires ACPI on this architecture");
    }

    [Fact]
    public void Aarch64Acpi_WithoutUefi_IsRefused()
    {
        var xml = GuestXml("aarch64", "virt", extra: "<features><acpi/></features>");
        RefusedAtParse(xml, Host("aarch64"), "unsupported configuration: ACPI requires UEFI on this architecture");
    }

    [Fact]
    public void SuspendToDisk_WithoutCapability_IsRefused()
    {
        var xml = GuestXml("i686", "pc", extra: "<pm><suspend-to-disk enabled='yes'/></pm>");
        RefusedAtParse(xml, Host("i686"), "unsupported configuration: setting ACPI S4 not supported");
        _ = PostParse(xml, Host("i686", "disable-s4"));
    }
}
