using Vireo.Runtime.Control;

namespace Vireo.Cli;

/// <summary>The <c>shutdown</c> command: ACPI power-down, then quit after the time limit.</summary>
internal static class ShutdownCommand
{
    private const string CmdName = "shutdown";

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir", "timeout"], []);
        var name = a.ExpectPositional(CmdName, 1, "one domain NAME")[0];
        var timeout = GuestCommandSupport.Seconds(CmdName, "timeout", a.Option("timeout"), TimeSpan.FromSeconds(30));
        var state = GuestCommandSupport.State(a);
        var options = new SessionOptions { LockWait = TimeSpan.FromSeconds(10) };
        var result = GuestCommandSupport.Run(CmdName, ct => GuestControl.ShutdownAsync(state, name, timeout, options, ct));
        stdout.WriteLine(result.GuestShutDown
            ? $"Domain '{name}' shut down (the guest powered off; {GuestCommandSupport.Format(result.Elapsed)})"
            : $"Domain '{name}' stopped: the guest did not power off within {GuestCommandSupport.Format(timeout)}, so QEMU was told to quit");
        return ExitCodes.Ok;
    }
}
