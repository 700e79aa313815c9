using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.Preparation.Validation;

public class DeviceRulesTests
{
    private const string TpmTis12 = "<tpm model='tpm-tis'><backend type='emulator' version='1.2'/></tpm>";

    [Fact]
    public void Tpm_WithoutBackend_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", "<tpm model='tpm-tis'></tpm>");
        RefusedAtParse(xml, Host("x86_64", "tpm-passthrough", "tpm-tis"), "XML error: missing TPM device backend");
    }

    [Fact]
    public void TpmVersion_NotOfferedByHost_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", TpmTis12);
        var host = Host("x86_64", "tpm-emulator", "tpm-tis");
        RefusedAtParse(xml, host, "unsupported configuration: TPM version '1.2' is not supported", WithEnvironment("VIR_TEST_MOCK_FAKE_TPM_VERSION", "2.0"));
        _ = PostParse(xml, host, WithEnvironment("VIR_TEST_MOCK_FAKE_TPM_VERSION", "1.2"));
    }

    [Fact]
    public void Tpm12_OnArm_IsRefused()
    {
        RefusedAtParse(GuestXml("aarch64", "virt", TpmTis12), Host("aarch64"), "unsupported configuration: TPM 1.2 is not supported on ARM");
    }

    [Fact]
    public void TwoTpms_AreRefused()
    {
        var tpm = "<tpm model='tpm-spapr'><backend type='emulator' version='2.0'/></tpm>";
        RefusedAtParse(GuestXml("ppc64", "pseries", tpm + tpm), Host("ppc64", "tpm-emulator", "tpm-spapr"), "unsupported configuration: only a single TPM non-proxy device is supported");
    }

    [Fact]
    public void IntelIommu_OnI440fx_IsRefused()
    {
        RefusedAtParse(GuestXml("x86_64", "pc", "<iommu model='intel'/>"), Host("x86_64", "intel-iommu"), "unsupported configuration: IOMMU device: 'intel' is only supported with Q35 machines");
    }

    [Fact]
    public void VirtioIommu_WithoutAcpi_IsRefused()
    {
        RefusedAtParse(GuestXml("x86_64", "q35", "<iommu model='virtio'/>"), Host("x86_64", "virtio-iommu-pci"), "unsupported configuration: IOMMU device: 'virtio' requires ACPI");
    }

    [Fact]
    public void Shmem_WithoutIvshmem_IsRefused()
    {
        RefusedAtParse(GuestXml("i686", "pc", "<shmem name='shmem0'/>"), Host("i686"), "unsupported configuration: ivshmem device is not supported with this QEMU binary");
    }

    [Fact]
    public void ShmemSize_NotPowerOfTwo_FailsAtLaunch()
    {
        var xml = GuestXml("i686", "pc", "<shmem name='shmem0'><size unit='K'>12345</size></shmem>");
        RefusedAtLaunch(xml, Host("i686", "ivshmem"), "XML error: shmem size must be a power of two");
    }

    [Fact]
    public void MdevWithDriveAddress_IsRefused()
    {
        var xml = GuestXml(
            "i686",
            "pc",
            "<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source><address type='drive' controller='0' bus='0' target='0' unit='1'/></hostdev>");
        RefusedAtParse(xml, Host("i686", "vfio-pci"), "XML error: Unsupported address type 'drive' with mediated device model 'vfio-pci'");
    }

    [Fact]
    public void SpaprSerial_OnPc_IsRefused()
    {
        var xml = GuestXml("x86_64", "pc", "<serial type='pty'><target type='spapr-vio-serial'/></serial>");
        RefusedAtParse(xml, Host("x86_64"), "unsupported configuration: Serial device with target type 'spapr-vio-serial' and target model 'spapr-vty' not compatible with guest architecture or machine type");
    }

    [Fact]
    public void ReconnectTimeoutZero_IsRefused()
    {
        var xml = GuestXml("i686", "pc", "<channel type='tcp'><source host='localhost' service='1234'><reconnect enabled='yes' timeout='0'/></source><target type='virtio' name='asdf'/></channel>");
        RefusedAtParse(xml, Host("i686"), "invalid argument: chardev reconnect source timeout cannot be '0'");
    }

    [Fact]
    public void IOThreads_WithoutCapability_FailAtLaunch()
    {
        var xml = GuestXml("i686", "pc", extra: "<iothreads>2</iothreads>");
        RefusedAtLaunch(xml, Host("i686"), "unsupported configuration: IOThreads not supported for this QEMU");
    }
}
