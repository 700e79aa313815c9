using System.Globalization;
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
        var a = ParsedArgs.Parse(args, CmdName, ["out", "timeout"], ["tcg-only"]);
        var binary = a.ExpectPositional(CmdName, 1, "one QEMU binary (e.g. /usr/bin/qemu-system-x86_64)")[0];
        var options = new ProbeOptions
        {
            Accelerators = a.Flag("tcg-only") ? ProbeAccelerators.TcgOnly : ProbeAccelerators.Auto,
        };
        if (a.Option("timeout") is { } timeout)
        {
            if (!double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || seconds > 3600)
            {
                throw new UsageException($"{CmdName}: --timeout must be a number of seconds between 0 and 3600, not '{timeout}'");
            }

            options = options with { Timeout = TimeSpan.FromSeconds(seconds) };
        }

        if (binary.Contains('/', StringComparison.Ordinal))
        {
            InputFiles.RequireFile(binary); // a bare name is looked up on PATH by the prober
        }

        string xml;
        using (var cancel = new CancellationTokenSource())
        {
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // Let the probe stop QEMU and clean up instead of dying mid-way.
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var result = QemuProber.ProbeAsync(binary, options, cancel.Token).GetAwaiter().GetResult();
                xml = LibvirtCapsXml.Format(result.Capabilities);
            }
            catch (OperationCanceledException)
            {
                throw new ProbeException("probe interrupted");
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }

        if (a.Option("out") is { } outPath)
        {
            WriteAtomically(outPath, xml);
        }
        else
        {
            stdout.Write(xml);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes next to the target, flushes to disk, then renames over it: readers see the old file or the new one.</summary>
    private static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
        {
            throw new UsageException($"{CmdName}: cannot write '{path}': directory '{dir}' does not exist");
        }

        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + ".tmp-" + Path.GetRandomFileName());
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
