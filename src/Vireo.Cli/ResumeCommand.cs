using Vireo.Runtime.Control;

namespace Vireo.Cli;

/// <summary>The <c>resume</c> command: lets a paused guest run again.</summary>
internal static class ResumeCommand
{
    private const string CmdName = "resume";

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir"], []);
        var name = a.ExpectPositional(CmdName, 1, "one domain NAME")[0];
        var state = GuestCommandSupport.State(a);
        var status = GuestCommandSupport.Run(CmdName, ct => GuestControl.ResumeAsync(state, name, null, ct));
        stdout.WriteLine($"Domain '{name}' resumed ({status})");
        return ExitCodes.Ok;
    }
}
