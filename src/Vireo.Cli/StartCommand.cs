using Vireo.Domain.Xml;
using Vireo.Runtime.Launch;

namespace Vireo.Cli;

/// <summary>The <c>start</c> command: runs a domain under QEMU, detached, and returns once the guest runs.</summary>
internal static class StartCommand
{
    private const string CmdName = "start";

    public static int Run(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir", "emulator"], ["paused"]);
        var domainPath = InputFiles.RequireFile(a.ExpectPositional(CmdName, 1, "one DOMAIN.xml argument")[0]);
        var state = GuestCommandSupport.State(a);
        var def = DomainXmlParser.ParseFile(domainPath, new DomainParseOptions { Inactive = true });
        (var host, def) = GuestCommandSupport.HostFor(CmdName, def, a.Option("emulator"), services);
        var options = new StartOptions { Host = host, Paused = a.Flag("paused") };
        var result = GuestCommandSupport.Run("start", ct => DomainLauncher.StartAsync(state, def, options, ct));
        var r = result.Record;
        stdout.WriteLine($"Domain '{r.Name}' started (id {r.Id}, pid {r.Pid}), {result.Status}, in {GuestCommandSupport.Format(result.Elapsed)}");
        stdout.WriteLine($"  state: {result.Paths.Directory}");
        stdout.WriteLine($"  log:   {result.Paths.LogFile}");
        return ExitCodes.Ok;
    }
}
