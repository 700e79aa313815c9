using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Xml;
using Vireo.Qemu;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;

namespace Vireo.Cli;

/// <summary>The <c>xml2argv</c> and <c>xml2xml</c> commands.</summary>
internal static class DomainCommands
{
    private static readonly string[] CapsOptions = ["caps", "emulator", "probe-timeout"];

    public static int Xml2Argv(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        const string cmdName = "xml2argv";
        var a = ParsedArgs.Parse(args, cmdName, [.. CapsOptions, "format", "out"], []);
        var domainPath = InputFiles.RequireFile(a.ExpectPositional(cmdName, 1, "one DOMAIN.xml argument")[0]);
        var format = a.Option("format") ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new UsageException($"{cmdName}: --format must be 'text' or 'json', not '{format}'");
        }

        var (def, host) = Load(cmdName, a, domainPath, services);
        var config = new DriverConfig();
        def = QemuEngine.PostParse(def, host, config, inactive: true);
        var context = LaunchContext.ForConversion(def.Name, host.Os);
        var cmd = QemuEngine.BuildCommandLine(def, host, config, context);
        Emit(a, stdout, format == "json" ? ArgvJson.Render(cmd) : ArgsTextRenderer.Render(cmd));
        return ExitCodes.Ok;
    }

    public static int Xml2Xml(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        const string cmdName = "xml2xml";
        var a = ParsedArgs.Parse(args, cmdName, [.. CapsOptions, "out"], []);
        var domainPath = InputFiles.RequireFile(a.ExpectPositional(cmdName, 1, "one DOMAIN.xml argument")[0]);
        var (def, host) = Load(cmdName, a, domainPath, services);
        def = QemuEngine.PostParse(def, host, new DriverConfig(), inactive: true);
        var xml = DomainXmlFormatter.Format(def, new DomainFormatOptions { Inactive = true });
        Emit(a, stdout, xml.EndsWith('\n') ? xml : xml + "\n");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Prints the finished output, or with <c>--out FILE</c> writes it atomically: the file is
    /// touched only once everything succeeded, so a refusal leaves no file and an existing
    /// one unchanged.
    /// </summary>
    private static void Emit(ParsedArgs a, TextWriter stdout, string text)
    {
        if (a.Option("out") is { } outPath)
        {
            AtomicFile.Write(outPath, text);
        }
        else
        {
            stdout.Write(text);
        }
    }

    /// <summary>Parses the domain, then picks the capabilities for its arch (<c>os/type/@arch</c>).</summary>
    private static (DomainDefinition Def, HostInfo Host) Load(string cmdName, ParsedArgs a, string domainPath, CliServices services)
    {
        CapabilitySelection.Validate(cmdName, a);
        var def = DomainXmlParser.ParseFile(domainPath, new DomainParseOptions { Inactive = true });
        var caps = CapabilitySelection.Select(cmdName, a, def.Os.Arch, services);
        CapabilitySelection.CheckArch(cmdName, def.Os.Arch, caps, a);
        return (def, CapsHost.For(caps));
    }
}
