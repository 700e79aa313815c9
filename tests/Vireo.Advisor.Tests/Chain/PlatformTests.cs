using Vireo.Advisor.Chain;
using Vireo.Advisor.Facts;
using Vireo.Capabilities;
using Vireo.Domain.Xml;

namespace Vireo.Advisor.Tests.Chain;

/// <summary>Platforms beyond the seed scenarios: virtio-mmio (no PCI) on Arm, s390x's virtio-gpu-ccw.</summary>
public class PlatformTests
{
    private const string S390Caps = "/work/shared/conformance/libvirt-9.0.0/tests/qemucapabilitiesdata/caps_6.0.0.s390x.xml";

    [Fact]
    public void Aarch64_virtio_mmio_is_virtio_gpu_device_drawn_by_VirtioGpuDxe()
    {
        var r = Advise.File("aarch64-virtio-mmio");

        Assert.Equal("virtio-gpu-device", Assert.Single(r.Devices).QemuDevice);
        Assert.Equal("fw-aavmf-virtiogpu", r.Stages.Single(s => s.Stage == DisplayStage.Firmware).FactId);
        Assert.Equal("picture", r.FirmwareScreen);
        Assert.Equal(Verdict.Ok, r.Verdict);
    }

    [Fact]
    public void S390x_virtio_is_virtio_gpu_ccw_with_no_firmware_picture()
    {
        if (!File.Exists(S390Caps))
        {
            Assert.Skip($"{S390Caps} (libvirt's test corpus, read at run time) is not here");
        }

        var caps = LibvirtCapsXml.Load(S390Caps);
        var def = DomainXmlParser.ParseFile(Advise.DomainPath("s390x-virtio"), new DomainParseOptions { Inactive = true });
        var r = DisplayAdvisor.Analyze(def, Advise.HostFor(caps), caps);

        Assert.Equal("virtio-gpu-ccw", Assert.Single(r.Devices).QemuDevice);
        Assert.Equal("none", r.Firmware);
        Assert.Equal("fw-s390", r.Stages.Single(s => s.Stage == DisplayStage.Firmware).FactId);
        Assert.Equal("os-linux-virtio", r.Stages.Single(s => s.Stage == DisplayStage.OsDriver).FactId);
        Assert.Equal(Verdict.Degraded, r.Verdict);
    }
}
