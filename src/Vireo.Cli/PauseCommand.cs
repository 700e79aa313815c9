using Vireo.Runtime.Control;

namespace Vireo.Cli;

/// <summary>The <c>pause</c> command: stops the guest's vCPUs.</summary>
internal static class PauseCommand
{
    private const string CmdName = "pause";

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir"], []);
        var name = a.ExpectPositional(CmdName, 1, "one domain NAME")[0];
        var state = GuestCommandSupport.State(a);
        var status = GuestCommandSupport.Run(CmdName, ct => GuestControl.PauseAsync(state, name, null, ct));
        stdout.WriteLine($"Domain '{name}' paused ({status})");
        return ExitCodes.Ok;
    }
}
