using Vireo.Domain.Xml;
using Vireo.Qemu;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;

namespace Vireo.Cli;

/// <summary>The <c>xml2argv</c> and <c>xml2xml</c> commands.</summary>
internal static class DomainCommands
{
    private const string LibDir = "/var/lib/libvirt/qemu";

    public static int Xml2Argv(IEnumerable<string> args, TextWriter stdout)
    {
        const string cmdName = "xml2argv";
        var a = ParsedArgs.Parse(args, cmdName, "caps", "format");
        var domainPath = InputFiles.RequireFile(a.ExpectPositional(cmdName, 1, "one DOMAIN.xml argument")[0]);
        var capsPath = InputFiles.RequireFile(a.Required(cmdName, "caps"));
        var format = a.Option("format") ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new UsageException($"{cmdName}: --format must be 'text' or 'json', not '{format}'");
        }

        var host = CapsHost.Load(capsPath);
        var config = new DriverConfig();
        var def = DomainXmlParser.ParseFile(domainPath, new DomainParseOptions { Inactive = true });
        def = QemuEngine.PostParse(def, host, config, inactive: true);
        var context = new LaunchContext { DomainId = 1, LibDir = LibDir, HostOs = host.Os };
        context = context with { MonitorSocketPath = context.DomainLibDir(def.Name) + "/monitor.sock" };
        var cmd = QemuEngine.BuildCommandLine(def, host, config, context);
        stdout.Write(format == "json" ? ArgvJson.Render(cmd) : ArgsTextRenderer.Render(cmd));
        return ExitCodes.Ok;
    }

    public static int Xml2Xml(IEnumerable<string> args, TextWriter stdout)
    {
        const string cmdName = "xml2xml";
        var a = ParsedArgs.Parse(args, cmdName, "caps");
        var domainPath = InputFiles.RequireFile(a.ExpectPositional(cmdName, 1, "one DOMAIN.xml argument")[0]);
        var capsPath = InputFiles.RequireFile(a.Required(cmdName, "caps"));
        var host = CapsHost.Load(capsPath);
        var def = DomainXmlParser.ParseFile(domainPath, new DomainParseOptions { Inactive = true });
        def = QemuEngine.PostParse(def, host, new DriverConfig(), inactive: true);
        var xml = DomainXmlFormatter.Format(def, new DomainFormatOptions { Inactive = true });
        stdout.Write(xml.EndsWith('\n') ? xml : xml + "\n");
        return ExitCodes.Ok;
    }
}
