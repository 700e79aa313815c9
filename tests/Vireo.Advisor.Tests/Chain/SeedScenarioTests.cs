using Vireo.Advisor.Facts;
using Vireo.Advisor.Report;

namespace Vireo.Advisor.Tests.Chain;

/// <summary>The seed scenarios of issue #6, each with its exact verdict, device and fix.</summary>
public class SeedScenarioTests
{
    private const string RamfbFix = "use <model type='virtio'/> plus <model type='ramfb'/> as primary (the first <video>)";

    [Fact]
    public void Aarch64_kvm_virtio_is_virtio_gpu_pci_and_ok_for_linux()
    {
        var r = Advise.File("aarch64-kvm-virtio", guest: "linux");

        Assert.Equal("kvm", r.Accel);
        Assert.Equal("aavmf", r.Firmware);
        Assert.Equal("virtio-gpu-pci", Assert.Single(r.Devices).QemuDevice);
        Assert.Equal(Verdict.Ok, r.Verdict);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("picture", r.FirmwareScreen);
        Assert.All(r.Stages, s => Assert.Equal(Verdict.Ok, s.Verdict));
        Assert.Equal(
            [DisplayStage.Device, DisplayStage.Accelerator, DisplayStage.Firmware, DisplayStage.Bootloader, DisplayStage.OsDriver, DisplayStage.RemoteDisplay],
            r.Stages.Select(s => s.Stage));
    }

    [Fact]
    public void Aarch64_kvm_virtio_is_degraded_for_windows_fix_add_ramfb()
    {
        var r = Advise.File("aarch64-kvm-virtio", guest: "windows");

        Assert.Equal("virtio-gpu-pci", Assert.Single(r.Devices).QemuDevice);
        Assert.Equal(Verdict.Degraded, r.Verdict);
        Assert.Equal(1, r.ExitCode);
        var boot = Stage(r, DisplayStage.Bootloader);
        Assert.Equal(Verdict.Degraded, boot.Verdict);
        Assert.Equal("bl-uefi-blt-windows", boot.FactId);
        Assert.Contains("linear framebuffer", boot.Reason, StringComparison.Ordinal);
        Assert.Equal(RamfbFix, boot.Fix);
        Assert.Equal([RamfbFix], r.Fixes);
        Assert.Equal(Verdict.Ok, Stage(r, DisplayStage.Firmware).Verdict);
    }

    [Fact]
    public void Aarch64_windows_with_ramfb_primary_and_virtio_secondary_is_ok()
    {
        var r = Advise.File("aarch64-kvm-windows-ramfb", guest: "windows");

        Assert.Equal(["ramfb", "virtio-gpu-pci"], r.Devices.Select(d => d.QemuDevice));
        Assert.Equal(["primary", "secondary"], r.Devices.Select(d => d.Role));
        Assert.Equal(Verdict.Ok, r.Verdict);
        Assert.Equal("fw-aavmf-ramfb", Stage(r, DisplayStage.Firmware).FactId);
    }

    [Theory]
    [InlineData("aarch64-kvm-vga", "VGA")]
    [InlineData("aarch64-kvm-cirrus", "cirrus-vga")]
    public void Aarch64_kvm_bar_framebuffer_is_broken_with_the_reason(string domain, string device)
    {
        var r = Advise.File(domain);

        Assert.Equal(device, Assert.Single(r.Devices).QemuDevice);
        Assert.Equal(Verdict.Broken, r.Verdict);
        Assert.Equal(2, r.ExitCode);
        var accel = Stage(r, DisplayStage.Accelerator);
        Assert.Equal(Verdict.Broken, accel.Verdict);
        Assert.Equal("acc-arm-bar-kvm", accel.FactId);
        Assert.Contains("PCI BAR", accel.Reason, StringComparison.Ordinal);
        Assert.Contains("FEAT_S2FWB", accel.Reason, StringComparison.Ordinal);
        Assert.Equal("use <video><model type='virtio'/></video> (virtio-gpu-pci) or <model type='ramfb'/>", accel.Fix);
        Assert.Equal(accel.Fix, r.Fixes[0]);
    }

    [Fact]
    public void Aarch64_bar_framebuffer_under_tcg_is_only_degraded_by_the_firmware()
    {
        var r = Advise.File("aarch64-kvm-vga", accel: "tcg");

        Assert.Equal(Verdict.Ok, Stage(r, DisplayStage.Accelerator).Verdict);
        Assert.Equal(Verdict.Degraded, Stage(r, DisplayStage.Firmware).Verdict);
        Assert.Equal("placeholder", r.FirmwareScreen);
        Assert.Equal(Verdict.Degraded, r.Verdict);
    }

    [Fact]
    public void Aarch64_binary_that_lists_virtio_vga_still_gets_virtio_gpu_pci()
    {
        var r = Advise.File("aarch64-kvm-virtio", alterCaps: c => c.WithFlags(["virtio-vga"]));

        Assert.Equal("virtio-gpu-pci", Assert.Single(r.Devices).QemuDevice);
        var dev = Stage(r, DisplayStage.Device);
        Assert.Equal("dev-arm-virtio-vga-listed", dev.FactId);
        Assert.Equal(Verdict.Ok, dev.Verdict);
        Assert.Contains("lists virtio-vga", dev.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Ok, r.Verdict);
    }

    [Fact]
    public void X86_ovmf_virtio_is_virtio_vga_bound_by_QemuVideoDxe_ok_for_windows()
    {
        var r = Advise.File("x86-ovmf-virtio", guest: "windows");

        Assert.Equal("ovmf", r.Firmware);
        Assert.Equal("virtio-vga", Assert.Single(r.Devices).QemuDevice);
        var fw = Stage(r, DisplayStage.Firmware);
        Assert.Equal("fw-ovmf-qemuvideo", fw.FactId);
        Assert.Contains("QemuVideoDxe binds virtio-vga", fw.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Ok, Stage(r, DisplayStage.Bootloader).Verdict);
        Assert.Equal("os-windows-virtio-x86", Stage(r, DisplayStage.OsDriver).FactId);
        Assert.Equal(Verdict.Ok, r.Verdict);
        Assert.Empty(r.Fixes);
    }

    [Fact]
    public void Mdev_display_with_vnc_and_no_gl_gets_egl_headless_added_ok()
    {
        var r = Advise.File("x86-mdev-vnc");

        var vgpu = Assert.Single(r.Devices, d => d.IsVgpu);
        Assert.Equal("vfio-pci", vgpu.QemuDevice);
        Assert.False(vgpu.Ramfb);
        var remote = r.Stages.Single(s => s.Stage == DisplayStage.RemoteDisplay && s.Device == "vfio-pci");
        Assert.Equal("rd-mdev-nogl", remote.FactId);
        Assert.Equal(Verdict.Ok, remote.Verdict);
        Assert.StartsWith("egl-headless added", remote.Reason, StringComparison.Ordinal);
        Assert.Null(remote.Fix);
        Assert.Equal(Verdict.Ok, r.Verdict);
    }

    [Fact]
    public void Mdev_ramfb_is_the_boot_display_cold_plug_only()
    {
        var r = Advise.File("x86-mdev-ramfb");

        var vgpu = Assert.Single(r.Devices);
        Assert.Equal("vfio-pci-nohotplug", vgpu.QemuDevice);
        Assert.True(vgpu.Ramfb);
        var dev = Stage(r, DisplayStage.Device);
        Assert.Equal("dev-mdev-ramfb", dev.FactId);
        Assert.Contains("cold-plug only", dev.Reason, StringComparison.Ordinal);
        var fw = Stage(r, DisplayStage.Firmware);
        Assert.Equal("ramfb", fw.Device);
        Assert.Equal("fw-ovmf-ramfb", fw.FactId);
        Assert.Equal("picture", r.FirmwareScreen);
        Assert.Equal("rd-mdev-gl", r.Stages.Single(s => s.Stage == DisplayStage.RemoteDisplay).FactId);
        Assert.Equal(Verdict.Ok, r.Verdict);
    }

    [Fact]
    public void Mdev_display_without_graphics_is_broken()
    {
        var r = Advise.File("x86-mdev-nographics");

        Assert.Equal(Verdict.Broken, r.Verdict);
        var dev = Assert.Single(r.Stages);
        Assert.Equal("dev-refused", dev.FactId);
        Assert.Contains("graphics device is needed", dev.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_video_at_all_is_broken_no_display()
    {
        var r = Advise.File("x86-novideo");

        Assert.Empty(r.Devices);
        Assert.Equal("no-display", r.FirmwareScreen);
        Assert.Equal("dev-none", Assert.Single(r.Stages).FactId);
        Assert.Equal(Verdict.Broken, r.Verdict);
    }

    [Fact]
    public void Virgl_without_a_gl_display_is_degraded()
    {
        var r = Advise.File("x86-spice-gl-virgl");

        var remote = Stage(r, DisplayStage.RemoteDisplay);
        Assert.Equal("rd-gl-device-nogl", remote.FactId);
        Assert.Equal(Verdict.Degraded, r.Verdict);
    }

    [Fact]
    public void Aarch64_direct_kernel_boot_has_no_firmware_picture()
    {
        var r = Advise.File("aarch64-direct-kernel");

        Assert.Equal("none", r.Firmware);
        Assert.Equal("fw-none", Stage(r, DisplayStage.Firmware).FactId);
        Assert.Equal(Verdict.Degraded, r.Verdict);
    }

    [Fact]
    public void Accelerator_defaults_to_the_domain_type()
    {
        Assert.Equal("kvm", Advise.File("aarch64-kvm-virtio").Accel);
        Assert.Equal("tcg", Advise.File("aarch64-kvm-virtio", accel: "tcg").Accel);
    }

    private static StageResult Stage(DisplayReport r, DisplayStage stage) => r.Stages.First(s => s.Stage == stage);
}
