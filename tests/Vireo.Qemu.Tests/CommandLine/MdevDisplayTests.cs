using Vireo.Qemu.Configuration;
using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.CommandLine;

/// <summary>
/// A vGPU display (<c>&lt;hostdev type='mdev' display='on'&gt;</c>) needs an OpenGL consumer:
/// <c>vireo start</c> adds <c>-display egl-headless</c> when no graphics device has GL
/// (docs/deviations.md #2); libvirt-compatible output (the default context) does not.
/// </summary>
public class MdevDisplayTests
{
    private const string Vgpu =
        "<hostdev mode='subsystem' type='mdev' model='vfio-pci' display='on'>" +
        "<source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source></hostdev>";

    private static List<string> Args(string devices, bool addEgl)
    {
        var host = Host("x86_64", "egl-headless", "vfio-pci", "vfio-pci.display", "spice", "vnc", "spice-gl");
        var config = new DriverConfig();
        var def = PostParse(GuestXml("x86_64", "pc", devices + "<video><model type='none'/></video>"), host, config);
        var cmd = QemuEngine.BuildCommandLine(def, host, config, new LaunchContext { TestHarness = true, AddEglHeadlessForMdevDisplays = addEgl });
        return [.. cmd.Arguments];
    }

    private static List<string> Displays(List<string> args) =>
        [.. args.Where((a, i) => i > 0 && args[i - 1] == "-display")];

    [Fact]
    public void VncWithoutGl_GetsEglHeadless_WhenTheLaunchAsksForIt()
    {
        var args = Args("<graphics type='vnc'/>" + Vgpu, addEgl: true);

        Assert.Equal(["egl-headless"], Displays(args));
    }

    [Fact]
    public void VncWithoutGl_KeepsLibvirtsCommandLine_ByDefault()
    {
        var args = Args("<graphics type='vnc'/>" + Vgpu, addEgl: false);

        Assert.Empty(Displays(args));
    }

    [Fact]
    public void AnExplicitEglHeadless_IsNotDoubled()
    {
        var args = Args("<graphics type='vnc'/><graphics type='egl-headless'/>" + Vgpu, addEgl: true);

        Assert.Single(Displays(args), d => d.StartsWith("egl-headless", StringComparison.Ordinal));
    }

    [Fact]
    public void NoVgpuDisplay_NoEglHeadless()
    {
        var args = Args("<graphics type='vnc'/>", addEgl: true);

        Assert.Empty(Displays(args));
    }
}
