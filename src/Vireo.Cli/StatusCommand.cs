using Vireo.Runtime;
using Vireo.Runtime.Control;

namespace Vireo.Cli;

/// <summary>The <c>status</c> command: one guest's state, pid and files.</summary>
internal static class StatusCommand
{
    private const string CmdName = "status";

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir"], []);
        var name = a.ExpectPositional(CmdName, 1, "one domain NAME")[0];
        var state = GuestCommandSupport.State(a);
        var status = GuestCommandSupport.Run("status", ct => DomainInspector.InspectAsync(state, name, ct))
            ?? throw new RuntimeException($"domain '{name}' is not running (no state for it in '{state.Root}')");
        var paths = state.Paths(name);
        stdout.WriteLine($"name:    {status.Name}");
        stdout.WriteLine($"id:      {status.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
        stdout.WriteLine($"state:   {status.Label}");
        stdout.WriteLine($"pid:     {status.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
        if (status.Detail is { } detail)
        {
            stdout.WriteLine($"detail:  {detail}");
        }

        stdout.WriteLine($"monitor: {paths.MonitorSocket}");
        if (File.Exists(paths.ConsoleSocket))
        {
            stdout.WriteLine($"console: {paths.ConsoleSocket}");
        }

        stdout.WriteLine($"log:     {paths.LogFile}");
        return ExitCodes.Ok;
    }
}
