using Vireo.Runtime.Hotplug;

namespace Vireo.Cli;

/// <summary>The <c>detach-device</c> command: unplugs one device from a running guest.</summary>
internal static class DetachDeviceCommand
{
    private const string CmdName = "detach-device";

    public static int Run(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir", "timeout"], []);
        var positional = a.ExpectPositional(CmdName, 2, "a domain NAME and a DEVICE.xml file");
        var name = positional[0];
        var xml = File.ReadAllText(InputFiles.RequireFile(positional[1]));
        var timeout = GuestCommandSupport.Seconds(CmdName, "timeout", a.Option("timeout"), TimeSpan.FromSeconds(10));
        var state = GuestCommandSupport.State(a);
        // Unplugging needs no capabilities: the device's QEMU ids are in the guest's state.
        _ = services;
        var options = new HotplugOptions { Host = new Capabilities.HostInfo(), DetachTimeout = timeout };
        var result = GuestCommandSupport.Run(CmdName, ct => DeviceHotplug.DetachAsync(state, name, xml, options, ct));
        stdout.WriteLine($"Device '{result.Alias}' detached from domain '{name}' in {GuestCommandSupport.Format(result.Elapsed)}");
        return ExitCodes.Ok;
    }
}
