using Vireo.Capabilities;
using Vireo.Probing;

namespace Vireo.Cli;

/// <summary>
/// The <c>probe</c> command: starts a QEMU binary, asks it what it can do over QMP and
/// prints the capabilities in libvirt's cache format (or writes them to a file atomically).
/// </summary>
internal static class ProbeCommand
{
    private const string CmdName = "probe";

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["out", "timeout"], ["tcg-only", "timings"]);
        var timings = a.Flag("timings") ? new ProbeTimings() : null;
        var binary = a.ExpectPositional(CmdName, 1, "one QEMU binary (e.g. /usr/bin/qemu-system-x86_64)")[0];
        var options = new ProbeOptions
        {
            Accelerators = a.Flag("tcg-only") ? ProbeAccelerators.TcgOnly : ProbeAccelerators.Auto,
            Timings = timings,
        };
        options = ProbeArgs.WithTimeout(options, CmdName, "timeout", a.Option("timeout"));

        if (binary.Contains('/', StringComparison.Ordinal))
        {
            InputFiles.RequireFile(binary); // a bare name is looked up on PATH by the prober
        }

        var outPath = a.Option("out");
        if (outPath is not null && Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } outDir && !Directory.Exists(outDir))
        {
            throw new UsageException($"{CmdName}: cannot write '{outPath}': directory '{outDir}' does not exist");
        }

        var result = Interruptible.Run(ct => QemuProber.ProbeAsync(binary, options, ct));
        var xml = LibvirtCapsXml.Format(result.Capabilities);
        timings?.Mark("formatted the caps XML");
        if (outPath is not null)
        {
            AtomicFile.Write(outPath, xml);
        }
        else
        {
            stdout.Write(xml);
        }

        if (timings is not null)
        {
            timings.Mark("written");
            ProbeTimingsReport.Write(timings, Console.Error);
        }

        return ExitCodes.Ok;
    }
}
