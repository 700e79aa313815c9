using System.Globalization;
using Vireo.Fuzzing;

namespace Vireo.Cli;

/// <summary>
/// The <c>fuzz</c> command: the in-repo mutation fuzzer over xml2argv's and xml2xml's pipeline,
/// seeded from the corpus's domain XMLs (else <c>examples/</c>). Exit 1 when it finds a bug.
/// </summary>
internal static class FuzzCommand
{
    public const string Help = """
        usage: vireo fuzz [--seconds N | --inputs N] [--seed S] [--corpus DIR]
                          [--crashes DIR] [--workers N] [--budget SECONDS] [--journal]

        Mutates domain XML (bytes and structure) and runs each input through the
        pipeline of xml2argv and xml2xml: parse, defaults, validation, addresses,
        command line, args text, XML formatter; with the embedded capabilities and,
        when the corpus is there, its caps files. A refusal with Vireo's documented
        errors is fine; any other exception, or no answer within the budget, is a bug.

          --seconds N     run for N seconds (default 60 when --inputs is not given)
          --inputs N      run N inputs
          --seed S        run seed (default 1); input I of seed S is always the same
          --corpus DIR    the libvirt 9.0.0 corpus (default: shared/conformance/
                          libvirt-9.0.0 next to an ancestor directory); its domain XMLs
                          are the seeds; without it, examples/*.xml
          --crashes DIR   where bugs' minimised inputs are saved (default fuzz-crashes)
          --workers N     worker threads (default: processor count)
          --budget S      per-input time budget before an input counts as a hang (10)
          --journal       write each input to DIR/in-flight-N.xml before running it,
                          so one that kills the process is left on disk (slower)

        Prints progress every 5 s and a summary. Exit 1 when a bug was found.
        """;

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        const string cmdName = "fuzz";
        var a = ParsedArgs.Parse(args, cmdName, ["seconds", "inputs", "seed", "corpus", "crashes", "workers", "budget"], ["journal"]);
        a.ExpectPositional(cmdName, 0, "no positional arguments");
        if (a.Option("seconds") is not null && a.Option("inputs") is not null)
        {
            throw new UsageException($"{cmdName}: give at most one of --seconds N and --inputs N");
        }

        var seconds = Number(cmdName, a, "seconds", 1, int.MaxValue);
        var inputs = Number(cmdName, a, "inputs", 1, long.MaxValue);
        var workers = Number(cmdName, a, "workers", 1, 256);
        var budget = Number(cmdName, a, "budget", 1, 3600);
        ulong seed = 1;
        if (a.Option("seed") is { } seedText && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            throw new UsageException($"{cmdName}: --seed must be a non-negative integer, not '{seedText}'");
        }

        var corpus = a.Option("corpus") is { } c
            ? InputFiles.RequireDirectory(c)
            : FuzzLocations.FindCorpus(Environment.CurrentDirectory) ?? FuzzLocations.FindCorpus(AppContext.BaseDirectory);
        SeedCorpus seeds;
        if (corpus is not null)
        {
            seeds = FuzzLocations.IsCorpus(corpus)
                ? SeedCorpus.FromCorpus(corpus)
                : throw new UsageException($"{cmdName}: '{corpus}' is not a conformance corpus (no argv.tsv and tests/)");
        }
        else
        {
            var examples = FuzzLocations.FindExamples(Environment.CurrentDirectory) ?? FuzzLocations.FindExamples(AppContext.BaseDirectory)
                ?? throw new UsageException($"{cmdName}: no corpus found and no examples/ directory: pass --corpus DIR");
            seeds = SeedCorpus.FromDirectory(examples);
        }

        if (seeds.Seeds.IsEmpty)
        {
            throw new UsageException($"{cmdName}: no seed inputs in {seeds.Description}");
        }

        var options = new FuzzOptions
        {
            Seed = seed,
            MaxInputs = inputs,
            Duration = inputs is null ? TimeSpan.FromSeconds(seconds ?? 60) : null,
            Workers = (int)(workers ?? Environment.ProcessorCount),
            InputBudget = TimeSpan.FromSeconds(budget ?? 10),
            CrashesDirectory = a.Option("crashes") ?? "fuzz-crashes",
            Journal = a.Flag("journal"),
        };
        var mutator = new FuzzMutator(seeds);
        var target = new FuzzTarget(FuzzCapabilities.Create(corpus));
        stdout.WriteLine($"fuzz: seed {seed}, {seeds.Seeds.Length} seeds from {seeds.Description}, {target.Capabilities.Names.Length} capability sources, {options.Workers} workers");

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        FuzzReport report;
        try
        {
            var progress = new InlineProgress(p => stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"fuzz: {p.Inputs} inputs, {p.Elapsed.TotalSeconds:0} s, {p.InputsPerSecond:0}/s, ok {p.Ok}, refused {p.Refused}, {p.UniqueBugs} unique bugs")));
            report = new FuzzRunner(mutator, target).Run(options, progress, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        foreach (var line in Summary(report))
        {
            stdout.WriteLine(line);
        }

        return report.Bugs.IsEmpty ? ExitCodes.Ok : ExitCodes.Refused;
    }

    private static IEnumerable<string> Summary(FuzzReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        yield return string.Create(inv, $"inputs: {r.Inputs} in {r.Elapsed.TotalSeconds:0.0} s ({r.InputsPerSecond:0} inputs/s), seed {r.Seed}");
        yield return string.Create(inv, $"ok: {r.Ok}, refused: {r.Refused}, bug inputs: {r.BugInputs}, unique bugs: {r.Bugs.Length}");
        foreach (var (phase, count) in r.RefusedByPhase)
        {
            yield return string.Create(inv, $"  refused in {phase}: {count}");
        }

        foreach (var bug in r.Bugs)
        {
            yield return string.Create(inv, $"BUG {bug.Signature} ({bug.Occurrences} inputs; first #{bug.Input.Index}, seed file {bug.Input.SeedName})");
            yield return "    " + bug.Error;
            if (bug.SavedPath is not null)
            {
                yield return string.Create(inv, $"    saved {bug.SavedPath} ({(bug.Minimised ?? bug.Input.Bytes).Length} bytes)");
            }
        }
    }

    private static long? Number(string cmdName, ParsedArgs a, string name, long min, long max)
    {
        if (a.Option(name) is not { } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{cmdName}: --{name} must be a whole number from {min} to {max}, not '{text}'");
    }

    /// <summary>Reports on the caller's thread (the runner's watchdog), unlike <see cref="Progress{T}"/>.</summary>
    private sealed class InlineProgress(Action<FuzzProgress> report) : IProgress<FuzzProgress>
    {
        public void Report(FuzzProgress value) => report(value);
    }
}
