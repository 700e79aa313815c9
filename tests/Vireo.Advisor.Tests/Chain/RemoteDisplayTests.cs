using Vireo.Advisor.Facts;

namespace Vireo.Advisor.Tests.Chain;

/// <summary>Stage 6: whether the chosen &lt;graphics&gt; can show the display.</summary>
public class RemoteDisplayTests
{
    private static string X86(string graphics, string video = "<video><model type='virtio'/></video>") => $"""
        <domain type='kvm'>
          <name>rd</name>
          <memory unit='MiB'>1024</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64' machine='q35'>hvm</type></os>
          <devices>{graphics}{video}</devices>
        </domain>
        """;

    [Theory]
    [InlineData("<graphics type='vnc'/>", "rd-viewer", Verdict.Ok)]
    [InlineData("<graphics type='spice'/>", "rd-viewer", Verdict.Ok)]
    [InlineData("<graphics type='egl-headless'/>", "rd-egl-only", Verdict.Degraded)]
    [InlineData("", "rd-none", Verdict.Degraded)]
    public void Graphics_for_a_2d_device(string graphics, string fact, Verdict verdict)
    {
        var r = Advise.Xml(X86(graphics));

        var remote = r.Stages.Single(s => s.Stage == DisplayStage.RemoteDisplay);
        Assert.Equal(fact, remote.FactId);
        Assert.Equal(verdict, remote.Verdict);
    }

    [Theory]
    [InlineData("<graphics type='vnc'/>", "rd-gl-device-nogl", Verdict.Degraded)]
    [InlineData("<graphics type='vnc'/><graphics type='egl-headless'/>", "rd-gl-device-gl", Verdict.Ok)]
    [InlineData("<graphics type='spice' autoport='no'><listen type='none'/><gl enable='yes'/></graphics>", "rd-gl-device-gl", Verdict.Ok)]
    public void Graphics_for_virgl(string graphics, string fact, Verdict verdict)
    {
        var r = Advise.Xml(X86(graphics, "<video><model type='virtio'><acceleration accel3d='yes'/></model></video>"));

        var remote = r.Stages.Single(s => s.Stage == DisplayStage.RemoteDisplay);
        Assert.EndsWith("-gl", remote.Device, StringComparison.Ordinal);
        Assert.Equal(fact, remote.FactId);
        Assert.Equal(verdict, remote.Verdict);
    }

    [Fact]
    public void Secondary_qxl_is_listed_but_firmware_judges_the_primary()
    {
        var r = Advise.Xml(X86("<graphics type='spice'/>", "<video><model type='qxl' primary='yes'/></video><video><model type='qxl'/></video>"));

        Assert.Equal(["qxl-vga", "qxl"], r.Devices.Select(d => d.QemuDevice));
        Assert.Equal("dev-secondary", r.Stages.Where(s => s.Stage == DisplayStage.Device).Last().FactId);
        Assert.Equal("qxl-vga", r.Stages.Single(s => s.Stage == DisplayStage.Firmware).Device);
        Assert.Equal("seabios", r.Firmware);
        Assert.Equal(Verdict.Ok, r.Verdict);
    }
}
