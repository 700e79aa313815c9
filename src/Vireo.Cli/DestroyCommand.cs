using Vireo.Runtime.Control;

namespace Vireo.Cli;

/// <summary>The <c>destroy</c> command: stops QEMU at once and removes the guest's runtime state.</summary>
internal static class DestroyCommand
{
    private const string CmdName = "destroy";

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir"], []);
        var name = a.ExpectPositional(CmdName, 1, "one domain NAME")[0];
        var state = GuestCommandSupport.State(a);
        var result = GuestCommandSupport.Run(CmdName, ct => GuestControl.DestroyAsync(state, name, null, ct));
        stdout.WriteLine(result.How switch
        {
            "crashed" => $"Domain '{name}' was not running (its QEMU had gone); its state was removed",
            "killed" => $"Domain '{name}' destroyed (QEMU did not quit and was killed)",
            _ => $"Domain '{name}' destroyed",
        });
        return ExitCodes.Ok;
    }
}
