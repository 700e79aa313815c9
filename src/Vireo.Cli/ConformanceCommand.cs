using System.Collections.Immutable;
using Vireo.Conformance;
using Vireo.Conformance.Reporting;

namespace Vireo.Cli;

/// <summary>The <c>conformance</c> command.</summary>
internal static class ConformanceCommand
{
    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        const string cmdName = "conformance";
        var a = ParsedArgs.Parse(args, cmdName, "corpus", "suite", "category", "report");
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
            result = ConformanceRunner.Run(new ConformanceOptions
            {
                CorpusDir = corpus,
                Suites = suites,
                Category = a.Option("category"),
            });
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
}
