using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;
using Vireo.Qemu;
using Vireo.Runtime.Launch;
using Vireo.Runtime.State;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.Launch;

/// <summary>
/// The live definition kept in the state directory must describe the running guest
/// exactly: read back and prepared again, it builds the same command line (hot-plug
/// relies on it).
/// </summary>
public class LiveDefinitionTests
{
    [Theory]
    [InlineData("aarch64")]
    [InlineData("x86_64")]
    public void Read_back_it_builds_the_same_command_line(string arch)
    {
        var caps = EmbeddedSnapshots.For(arch)!;
        var host = HostInfoFactory.CorpusHost("linux", "x86_64");
        host = host with { CapabilitiesByEmulator = host.CapabilitiesByEmulator.SetItem(host.FindGuest(arch)!.Emulator, caps) };
        var options = new StartOptions { Host = host, FirmwareDirectories = [] };
        var paths = new StateDirectory("/run/vireo").Paths("live");
        var xml = arch == "aarch64"
            ? Domains.Aarch64Virt("live", os: "<os>", extraDevices: "<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk><interface type='user'><mac address='52:54:00:00:00:01'/><model type='virtio'/></interface>")
            : Domains.X86("live", machine: "q35", extraDevices: "<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk><input type='tablet' bus='usb'/><interface type='user'><model type='e1000'/></interface>");

        var prepared = DomainLauncher.Prepare(Domains.Parse(xml), paths, options);
        var context = DomainLauncher.Context(3, paths, options);
        var first = QemuEngine.BuildCommandLine(prepared.Definition, host, prepared.Config, context);

        var live = LiveDefinition.Parse(LiveDefinition.Format(prepared.Definition));
        var again = DomainLauncher.Finish(QemuEngine.PostParse(live, host, DomainLauncher.Config(options, paths), inactive: true), paths, options);
        var second = QemuEngine.BuildCommandLine(again.Definition, host, again.Config, context);

        Assert.Equal(first.Arguments, second.Arguments);

        // And it is a fixed point: read back once more, it formats the same.
        var text = LiveDefinition.Format(again.Definition);
        var third = DomainLauncher.Finish(QemuEngine.PostParse(LiveDefinition.Parse(text), host, DomainLauncher.Config(options, paths), inactive: true), paths, options);
        Assert.Equal(text, LiveDefinition.Format(third.Definition));
    }
}
