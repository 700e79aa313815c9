using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;

namespace Vireo.Conformance.Isolation;

/// <summary>
/// Runs suites in worker processes so that a case which kills its process (a stack
/// overflow, say: not catchable in .NET) costs only that case. Each suite's cases go to
/// one worker; if it dies, the cases it had started but not finished are re-run one per
/// process to find the culprit(s), which are recorded as errors, and a fresh worker
/// takes the rest. Results are in TSV order, as with <see cref="ConformanceRunner"/>.
/// </summary>
public sealed class IsolatedConformanceRunner
{
    private readonly Func<ConformanceSuite, ProcessStartInfo> _workerStart;

    /// <summary>
    /// Creates a runner. <paramref name="workerStart"/> gives the command that starts a
    /// worker for a suite (a process that reads rows with <see cref="WorkerProtocol.ReadRows"/>
    /// and answers with <see cref="WorkerProtocol"/> lines); stdin/stdout/stderr are redirected here.
    /// </summary>
    public IsolatedConformanceRunner(Func<ConformanceSuite, ProcessStartInfo> workerStart)
    {
        ArgumentNullException.ThrowIfNull(workerStart);
        _workerStart = workerStart;
    }

    /// <summary>Crashes tolerated per suite before the remaining cases are given up as errors.</summary>
    public int MaxCrashesPerSuite { get; init; } = 64;

    /// <summary>Runs the suites and category selected by <paramref name="options"/>.</summary>
    public ConformanceResult Run(ConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        var runner = new ConformanceRunner(options.CorpusDir);
        var suites = ImmutableArray.CreateBuilder<SuiteResult>();
        foreach (var suite in options.Suites)
        {
            suites.Add(RunSuite(suite, runner.Cases(suite, options.Category)));
        }

        return new ConformanceResult
        {
            CorpusDir = runner.CorpusDir,
            Category = options.Category,
            Suites = suites.ToImmutable(),
            Elapsed = watch.Elapsed,
        };
    }

    private SuiteResult RunSuite(ConformanceSuite suite, ImmutableArray<PendingCase> cases)
    {
        var byRow = cases.ToDictionary(c => c.Row);
        var results = new Dictionary<int, CaseResult>();
        var pending = cases.Select(c => c.Row).ToList();
        var crashes = 0;
        while (pending.Count > 0)
        {
            var run = RunWorker(suite, pending);
            foreach (var r in run.Done)
            {
                if (byRow.ContainsKey(r.Row))
                {
                    results[r.Row] = r;
                }
            }

            pending = [.. pending.Where(r => !results.ContainsKey(r))];
            if (pending.Count == 0 || run.Succeeded)
            {
                // A worker that exited cleanly but skipped rows: record them rather than loop.
                foreach (var row in pending)
                {
                    results[row] = byRow[row].Template with { Message = "worker finished without reporting this case" };
                }

                break;
            }

            var suspects = run.Started.Where(r => !results.ContainsKey(r) && byRow.ContainsKey(r)).ToList();
            if (suspects.Count == 0)
            {
                // The worker died before starting anything: no point retrying.
                foreach (var row in pending)
                {
                    results[row] = byRow[row].Template with { Message = "worker process failed: " + run.Describe() };
                }

                break;
            }

            foreach (var row in suspects)
            {
                var alone = suspects.Count == 1 ? run : RunWorker(suite, [row]);
                if (alone.Done.FirstOrDefault(d => d.Row == row) is { } ok)
                {
                    results[row] = ok;
                }
                else
                {
                    crashes++;
                    results[row] = byRow[row].Template with { Message = "worker process crashed: " + alone.Describe() };
                }
            }

            pending = [.. pending.Where(r => !results.ContainsKey(r))];
            if (crashes >= MaxCrashesPerSuite)
            {
                foreach (var row in pending)
                {
                    results[row] = byRow[row].Template with
                    {
                        Message = string.Create(CultureInfo.InvariantCulture, $"not run: {crashes} worker crashes in this suite"),
                    };
                }

                break;
            }
        }

        return new SuiteResult { Suite = suite, Cases = [.. cases.Select(c => results[c.Row])] };
    }

    private WorkerRun RunWorker(ConformanceSuite suite, IReadOnlyList<int> rows)
    {
        var start = _workerStart(suite);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        var run = new WorkerRun();
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => run.AddError(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            run.AddError("cannot start worker: " + ex.Message);
            return run;
        }

        process.BeginErrorReadLine();
        var feeder = Task.Run(() =>
        {
            try
            {
                foreach (var row in rows)
                {
                    process.StandardInput.WriteLine(row.ToString(CultureInfo.InvariantCulture));
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The worker died while we were writing; its output tells what happened.
            }
        });

        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (WorkerProtocol.TryParseStart(line, out var row))
            {
                run.Started.Add(row);
            }
            else if (WorkerProtocol.TryParseDone(line) is { } done)
            {
                run.Done.Add(done);
            }
        }

        process.WaitForExit();
        feeder.Wait();
        run.ExitCode = process.ExitCode;
        return run;
    }
}
