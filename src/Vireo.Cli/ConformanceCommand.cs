using System.Collections.Immutable;
using System.Diagnostics;
using Vireo.Conformance;
using Vireo.Conformance.Isolation;
using Vireo.Conformance.Reporting;

namespace Vireo.Cli;

/// <summary>The <c>conformance</c> command.</summary>
internal static class ConformanceCommand
{
    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        const string cmdName = "conformance";
        var a = ParsedArgs.Parse(args, cmdName, ["corpus", "suite", "category", "report"], ["in-process"]);
        a.ExpectPositional(cmdName, 0, "no positional arguments");
        var corpus = InputFiles.RequireDirectory(a.Required(cmdName, "corpus"));
        var suites = SuiteNames.All.ToImmutableArray();
        if (a.Option("suite") is { } suiteName)
        {
            suites = [SuiteNames.TryParse(suiteName)
                ?? throw new UsageException($"{cmdName}: unknown suite '{suiteName}' (argv, xml2xml or domaincaps)")];
        }

        var report = a.Option("report");
        if (report is not null && Path.GetDirectoryName(Path.GetFullPath(report)) is { } dir && !Directory.Exists(dir))
        {
            throw new UsageException($"{cmdName}: cannot write report '{report}': no such directory");
        }

        ConformanceResult result;
        try
        {
            var options = new ConformanceOptions
            {
                CorpusDir = corpus,
                Suites = suites,
                Category = a.Option("category"),
            };
            result = a.Flag("in-process")
                ? ConformanceRunner.Run(options)
                : new IsolatedConformanceRunner(suite => WorkerStart(corpus, suite)).Run(options);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"{cmdName}: {ex.Message}", ex);
        }

        foreach (var line in ConformanceSummary.Lines(result))
        {
            stdout.WriteLine(line);
        }

        if (report is not null)
        {
            ConformanceReport.Write(result, report);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The hidden <c>conformance-worker</c> command: reads TSV rows from stdin, runs those
    /// cases of one suite and reports with <see cref="WorkerProtocol"/> lines on stdout.
    /// </summary>
    public static int Worker(IEnumerable<string> args, TextReader stdin, TextWriter stdout)
    {
        const string cmdName = "conformance-worker";
        var a = ParsedArgs.Parse(args, cmdName, "corpus", "suite");
        var corpus = InputFiles.RequireDirectory(a.Required(cmdName, "corpus"));
        var suiteName = a.Required(cmdName, "suite");
        var suite = SuiteNames.TryParse(suiteName) ?? throw new UsageException($"{cmdName}: unknown suite '{suiteName}'");
        var rows = WorkerProtocol.ReadRows(stdin);
        var gate = new Lock();
        new ConformanceRunner(corpus).RunRows(
            suite,
            rows,
            started: row =>
            {
                lock (gate)
                {
                    stdout.WriteLine(WorkerProtocol.StartLine(row));
                    stdout.Flush();
                }
            },
            finished: result =>
            {
                lock (gate)
                {
                    stdout.WriteLine(WorkerProtocol.DoneLine(result));
                    stdout.Flush();
                }
            });
        return ExitCodes.Ok;
    }

    private static ProcessStartInfo WorkerStart(string corpus, ConformanceSuite suite)
    {
        var start = new ProcessStartInfo();
        var self = Environment.ProcessPath ?? "dotnet";
        start.FileName = self;
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
        {
            // Under the dotnet host vireo.dll sits in the app's base directory; a published
            // (Native AOT) vireo is not the dotnet host and starts itself directly.
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vireo.dll"));
        }

        start.ArgumentList.Add("conformance-worker");
        start.ArgumentList.Add("--corpus");
        start.ArgumentList.Add(Path.GetFullPath(corpus));
        start.ArgumentList.Add("--suite");
        start.ArgumentList.Add(SuiteNames.Name(suite));
        return start;
    }
}
