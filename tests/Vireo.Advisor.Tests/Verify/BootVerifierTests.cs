using Vireo.Advisor.Chain;
using Vireo.Advisor.Verify;
using Vireo.Capabilities;
using Vireo.Domain.Xml;
using Vireo.Probing;
using Vireo.Runtime.State;

namespace Vireo.Advisor.Tests.Verify;

/// <summary>
/// --verify for real: boots one aarch64 and one x86 firmware under TCG and checks the
/// prediction against the screen. Skipped only when QEMU or the firmware is missing.
/// </summary>
public class BootVerifierTests
{
    [Theory]
    [InlineData("aarch64-kvm-virtio", "/usr/bin/qemu-system-aarch64", "/usr/share/AAVMF/AAVMF_CODE.fd", "picture")]
    [InlineData("aarch64-kvm-vga", "/usr/bin/qemu-system-aarch64", "/usr/share/AAVMF/AAVMF_CODE.fd", "placeholder")]
    [InlineData("aarch64-virtio-mmio", "/usr/bin/qemu-system-aarch64", "/usr/share/AAVMF/AAVMF_CODE.fd", "picture")]
    [InlineData("x86-ovmf-virtio", "/usr/bin/qemu-system-x86_64", "/usr/share/OVMF/OVMF_CODE_4M.fd", "picture")]
    public async Task Verify_boots_the_firmware_and_the_screen_matches_the_prediction(string domain, string binary, string firmware, string expected)
    {
        Require(binary);
        Require(firmware);
        var probe = await QemuProber.ProbeAsync(binary, ProbeOptions.Default with { Accelerators = ProbeAccelerators.TcgOnly }, TestContext.Current.CancellationToken);
        var caps = probe.Capabilities;
        var host = Advise.HostFor(caps);
        var def = DomainXmlParser.ParseFile(Advise.DomainPath(domain), new DomainParseOptions { Inactive = true });
        var report = DisplayAdvisor.Analyze(def, host, caps);
        Assert.Equal(expected, report.FirmwareScreen);

        var root = Path.Combine(Path.GetTempPath(), "vireo-advisor-tests-" + Path.GetRandomFileName());
        try
        {
            var result = await BootVerifier.VerifyAsync(new StateDirectory(root), def, report, host, null, TestContext.Current.CancellationToken);

            Assert.Equal(expected, result.Observed);
            Assert.True(result.Matches);
            Assert.Empty(Directory.GetFiles(Path.Combine(root, "domains"), "*", SearchOption.AllDirectories));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public void Verify_domain_keeps_platform_firmware_and_videos_only()
    {
        var def = DomainXmlParser.ParseFile(Advise.DomainPath("aarch64-kvm-windows-ramfb"), new DomainParseOptions { Inactive = true });
        var guest = DomainXmlParser.Parse(BootVerifier.VerifyXml(def, "v1"), new DomainParseOptions { Inactive = true });

        Assert.Equal("qemu", guest.VirtType);
        Assert.Equal("efi", guest.Os.Firmware);
        Assert.Equal("virt", guest.Os.Machine);
        Assert.Equal(["ramfb", "virtio"], guest.DevicesOf<Domain.Devices.VideoDevice>().Select(v => v.ModelType));
        Assert.Empty(guest.DevicesOf<Domain.Devices.GraphicsDevice>());
        Assert.Equal("cortex-a57", guest.Cpu?.Model);
    }

    private static void Require(string path)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(path))
        {
            Assert.Skip($"{path} is not installed (./test.sh installs QEMU and firmware on Debian)");
        }
    }
}
