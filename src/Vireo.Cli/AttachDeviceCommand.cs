using Vireo.Domain.Devices;
using Vireo.Runtime.Hotplug;
using Vireo.Runtime.Launch;
using Vireo.Runtime.State;

namespace Vireo.Cli;

/// <summary>The <c>attach-device</c> command: hot-plugs one device into a running guest.</summary>
internal static class AttachDeviceCommand
{
    private const string CmdName = "attach-device";

    public static int Run(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir", "emulator"], []);
        var positional = a.ExpectPositional(CmdName, 2, "a domain NAME and a DEVICE.xml file");
        var name = positional[0];
        var xml = File.ReadAllText(InputFiles.RequireFile(positional[1]));
        var state = GuestCommandSupport.State(a);
        var options = OptionsFor(CmdName, state, name, a.Option("emulator"), services);
        var result = GuestCommandSupport.Run(CmdName, ct => DeviceHotplug.AttachAsync(state, name, xml, options, ct));
        stdout.WriteLine($"Device '{result.Alias}' ({result.Driver}) attached to domain '{name}'{Where(result.Address)}");
        return ExitCodes.Ok;
    }

    /// <summary>The host the guest was started on: its live definition's emulator, probed (cached).</summary>
    public static HotplugOptions OptionsFor(string command, StateDirectory state, string name, string? emulator, CliServices services)
    {
        var paths = state.Paths(name);
        var live = File.Exists(paths.LiveXmlFile)
            ? LiveDefinition.Parse(DomainStore.ReadLiveXml(paths))
            : throw new Runtime.RuntimeException($"domain '{name}' is not running (no state for it in '{state.Root}')");
        return new HotplugOptions { Host = GuestCommandSupport.HostFor(command, live, emulator, services).Host };
    }

    private static string Where(DeviceAddress? address) => address switch
    {
        PciAddress pci => $" at PCI {pci.Domain:x4}:{pci.Bus:x2}:{pci.Slot:x2}.{pci.Function}",
        UsbAddress usb => $" at USB bus {usb.Bus} port {usb.Port}",
        DriveAddress drive => $" at {drive.TypeName} {drive.Controller}:{drive.Bus}:{drive.Unit}",
        _ => "",
    };
}
