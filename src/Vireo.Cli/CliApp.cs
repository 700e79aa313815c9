using Vireo.Domain.Errors;

namespace Vireo.Cli;

/// <summary>Command dispatch and the error policy: refusals exit 1, usage errors 2, bugs 70; never a stack trace.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdin, stdout, stderr, CliServices.FromEnvironment());

    /// <summary>Runs one command with the given services (tests pass their own cache directory and prober).</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        try
        {
            return Dispatch(args, stdin, stdout, services);
        }
        catch (DisplayCheckException ex)
        {
            stderr.WriteLine("vireo: " + OneLine(ex.Message));
            return ex.ExitCode;
        }
        catch (DomainXmlException ex) when (ex.Location is not null || ex.Line is not null)
        {
            var where = ex.Location is null ? $"line {ex.Line}" : ex.Line is null ? ex.Location : $"{ex.Location}, line {ex.Line}";
            stderr.WriteLine("vireo: " + OneLine(ex.Message) + " (at " + where + ")");
            return ExitCodes.Refused;
        }
        catch (VireoException ex)
        {
            stderr.WriteLine("vireo: " + OneLine(ex.Message));
            return ExitCodes.Refused;
        }
        catch (UsageException ex)
        {
            stderr.WriteLine("vireo: " + OneLine(ex.Message));
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            stderr.WriteLine("vireo: " + OneLine(ex.Message));
            return ExitCodes.Usage;
        }
        catch (Exception ex)
        {
            stderr.WriteLine("vireo: internal error: " + ex.GetType().FullName + ": " + OneLine(ex.Message));
            return ExitCodes.Internal;
        }
    }

    private static int Dispatch(string[] args, TextReader stdin, TextWriter stdout, CliServices services)
    {
        if (args.Length == 0)
        {
            throw new UsageException("no command given (try 'vireo --help')");
        }

        var rest = args.Skip(1);
        switch (args[0])
        {
            case "--help" or "-h":
                stdout.WriteLine(HelpText.Overview);
                return ExitCodes.Ok;
            case "--version":
                stdout.WriteLine(HelpText.VersionLine);
                return ExitCodes.Ok;
            case "help":
                return Help(args, stdout);
            case var command when rest.Any(a => a is "--help" or "-h") && HelpText.For(command) is { } help:
                stdout.WriteLine(help);
                return ExitCodes.Ok;
            case "xml2argv":
                return DomainCommands.Xml2Argv(rest, stdout, services);
            case "xml2xml":
                return DomainCommands.Xml2Xml(rest, stdout, services);
            case "conformance":
                return ConformanceCommand.Run(rest, stdout);
            case "domcapabilities":
                return DomCapabilitiesCommand.Run(rest, stdout, services);
            case "probe":
                return ProbeCommand.Run(rest, stdout);
            case "fuzz":
                return FuzzCommand.Run(rest, stdout);
            case "display-check":
                return DisplayCheckCommand.Run(rest, stdout, services);
            case var guest when GuestHelpText.For(guest) is not null:
                return GuestCommand(args, stdin, stdout, services);
            case "conformance-worker":
                return ConformanceCommand.Worker(rest, stdin, stdout);
            default:
                throw new UsageException($"unknown command '{args[0]}' (try 'vireo --help')");
        }
    }

    private static int GuestCommand(string[] args, TextReader stdin, TextWriter stdout, CliServices services)
    {
        var rest = args.Skip(1);
        return args[0] switch
        {
            "start" => StartCommand.Run(rest, stdout, services),
            "list" => ListCommand.Run(rest, stdout),
            "status" => StatusCommand.Run(rest, stdout),
            "pause" => PauseCommand.Run(rest, stdout),
            "resume" => ResumeCommand.Run(rest, stdout),
            "shutdown" => ShutdownCommand.Run(rest, stdout),
            "destroy" => DestroyCommand.Run(rest, stdout),
            "qmp" => QmpCommand.Run(rest, stdout),
            "console" => ConsoleCommand.Run(rest, stdin, stdout),
            "screenshot" => ScreenshotCommand.Run(rest, stdout),
            "attach-device" => AttachDeviceCommand.Run(rest, stdout, services),
            _ => DetachDeviceCommand.Run(rest, stdout, services),
        };
    }

    private static int Help(string[] args, TextWriter stdout)
    {
        if (args.Length == 1)
        {
            stdout.WriteLine(HelpText.Overview);
            return ExitCodes.Ok;
        }

        if (args.Length > 2)
        {
            throw new UsageException("help: expected one COMMAND");
        }

        stdout.WriteLine(HelpText.For(args[1]) ?? throw new UsageException($"help: unknown command '{args[1]}'"));
        return ExitCodes.Ok;
    }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").TrimEnd();
}
