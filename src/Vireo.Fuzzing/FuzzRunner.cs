using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Vireo.Fuzzing;

/// <summary>
/// Runs a fuzz campaign: worker threads take input indexes in turn, generate each input from
/// the run seed and its index, record it in their slot, run it and count the answer. A
/// watchdog (the calling thread) checks the slots: an input past the budget is a hang, kept
/// as a bug, and its worker is abandoned and replaced. After the run each bug's first input
/// is minimised and, when asked, saved.
/// </summary>
public sealed class FuzzRunner
{
    private readonly FuzzMutator _mutator;
    private readonly IFuzzTarget _target;

    /// <summary>Creates a runner generating inputs with <paramref name="mutator"/> and running them through <paramref name="target"/>.</summary>
    public FuzzRunner(FuzzMutator mutator, IFuzzTarget target)
    {
        ArgumentNullException.ThrowIfNull(mutator);
        ArgumentNullException.ThrowIfNull(target);
        _mutator = mutator;
        _target = target;
    }

    /// <summary>Runs until the input count or duration is reached, or until cancelled.</summary>
    public FuzzReport Run(FuzzOptions options, IProgress<FuzzProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        if (options.CrashesDirectory is { } dir && options.Journal)
        {
            Directory.CreateDirectory(dir);
        }

        var state = new RunState(options);
        var watch = Stopwatch.StartNew();
        var workers = new List<Worker>();
        for (var i = 0; i < options.Workers; i++)
        {
            workers.Add(StartWorker(state, i));
        }

        var nextProgress = options.ProgressInterval;
        while (workers.Any(w => !w.Abandoned && w.Thread.IsAlive))
        {
            if (cancellationToken.IsCancellationRequested || (options.Duration is { } d && watch.Elapsed >= d))
            {
                state.Stop = true;
            }

            foreach (var worker in workers.ToList())
            {
                if (worker.Abandoned || worker.Slot.Input is not { } input)
                {
                    continue;
                }

                var elapsed = Environment.TickCount64 - worker.Slot.StartedTicks;
                if (elapsed > options.InputBudget.TotalMilliseconds && ReferenceEquals(worker.Slot.Input, input))
                {
                    worker.Abandoned = true;
                    state.RecordHang(input, worker.Slot.Phase);
                    workers.Add(StartWorker(state, workers.Count));
                }
            }

            if (progress is not null && watch.Elapsed >= nextProgress)
            {
                progress.Report(state.Progress(watch.Elapsed));
                nextProgress = watch.Elapsed + options.ProgressInterval;
            }

            workers.FirstOrDefault(w => !w.Abandoned && w.Thread.IsAlive)?.Thread.Join(50);
        }

        watch.Stop();
        var failure = workers.Select(w => w.Failure).FirstOrDefault(f => f is not null);
        if (failure is not null)
        {
            throw new InvalidOperationException("a fuzz worker failed: " + failure.Message, failure);
        }

        if (options.CrashesDirectory is { } journalDir && options.Journal)
        {
            foreach (var w in workers.Where(w => !w.Abandoned))
            {
                File.Delete(JournalPath(journalDir, w.Number));
            }
        }

        progress?.Report(state.Progress(watch.Elapsed));
        var bugs = state.Bugs.Values.OrderBy(b => b.Input.Index).Select(b => Finish(b, options)).ToImmutableArray();
        return new FuzzReport
        {
            Seed = options.Seed,
            SeedDescription = $"{_mutator.Seeds.Seeds.Length} seeds from {_mutator.Seeds.Description}",
            Inputs = Interlocked.Read(ref state.Done),
            Elapsed = watch.Elapsed,
            Ok = Interlocked.Read(ref state.Ok),
            RefusedByPhase = state.Refused.ToImmutableSortedDictionary(kv => kv.Key, kv => Interlocked.Read(ref kv.Value.Count), StringComparer.Ordinal),
            BugInputs = Interlocked.Read(ref state.BugInputs),
            Bugs = bugs,
        };
    }

    /// <summary>The file name a bug's input is saved under: a hash of its signature.</summary>
    public static string FileNameFor(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(signature));
        return "bug-" + Convert.ToHexStringLower(hash)[..12] + ".xml";
    }

    private Worker StartWorker(RunState state, int number)
    {
        var worker = new Worker(number);
        worker.Thread = new Thread(() => WorkLoop(state, worker))
        {
            IsBackground = true,
            Name = "vireo-fuzz-" + number,
        };
        worker.Thread.Start();
        return worker;
    }

    private void WorkLoop(RunState state, Worker worker)
    {
        try
        {
            var options = state.Options;
            while (!state.Stop && !worker.Abandoned)
            {
                var index = Interlocked.Increment(ref state.Next) - 1;
                if (options.MaxInputs is { } max && index >= max)
                {
                    return;
                }

                var input = _mutator.Generate(options.Seed, index);
                if (options.Journal && options.CrashesDirectory is { } dir)
                {
                    File.WriteAllBytes(JournalPath(dir, worker.Number), input.Bytes);
                }

                worker.Slot.Begin(input);
                var outcome = _target.Run(input.Bytes, index, worker.Slot);
                worker.Slot.End();
                if (worker.Abandoned)
                {
                    return;
                }

                state.Record(input, index, outcome);
            }
        }
        catch (Exception ex)
        {
            worker.Failure = ex;
        }
    }

    private FuzzBug Finish(FuzzBug bug, FuzzOptions options)
    {
        if (!bug.IsHang && options.Minimise)
        {
            var minimised = Minimizer.Minimise(
                bug.Input.Bytes,
                candidate => _target.Run(candidate, bug.Variant) is { Kind: OutcomeKind.Bug } o && o.Signature == bug.Signature);
            bug = bug with { Minimised = minimised };
        }

        if (options.CrashesDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, FileNameFor(bug.Signature));
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, bug.Minimised ?? bug.Input.Bytes);
            File.Move(temp, path, overwrite: true);
            bug = bug with { SavedPath = path };
        }

        return bug;
    }

    private static string JournalPath(string dir, int worker) =>
        Path.Combine(dir, "in-flight-" + worker.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".xml");

    private sealed class Worker(int number)
    {
        private volatile bool _abandoned;

        public int Number { get; } = number;

        public FuzzSlot Slot { get; } = new();

        public Thread Thread { get; set; } = null!;

        public bool Abandoned
        {
            get => _abandoned;
            set => _abandoned = value;
        }

        public Exception? Failure { get; set; }
    }

    private sealed class Counter
    {
        public long Count;
    }

    private sealed class RunState(FuzzOptions options)
    {
        public long Next;
        public long Done;
        public long Ok;
        public long BugInputs;
        private volatile bool _stop;

        public FuzzOptions Options { get; } = options;

        public ConcurrentDictionary<string, Counter> Refused { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, FuzzBug> Bugs { get; } = new(StringComparer.Ordinal);

        public bool Stop
        {
            get => _stop;
            set => _stop = value;
        }

        public void Record(FuzzInput input, long variant, FuzzOutcome outcome)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Ok:
                    Interlocked.Increment(ref Ok);
                    break;
                case OutcomeKind.Refused:
                    Interlocked.Increment(ref Refused.GetOrAdd(outcome.Phase, _ => new Counter()).Count);
                    break;
                default:
                    Interlocked.Increment(ref BugInputs);
                    AddBug(outcome.Signature ?? outcome.Phase, outcome.Error ?? "", input, variant, hang: false);
                    break;
            }

            Interlocked.Increment(ref Done);
        }

        public void RecordHang(FuzzInput input, string phase)
        {
            Interlocked.Increment(ref BugInputs);
            Interlocked.Increment(ref Done);
            AddBug("hang in " + phase, $"no answer within {Options.InputBudget.TotalSeconds:0.#} s", input, input.Index, hang: true);
        }

        public FuzzProgress Progress(TimeSpan elapsed) => new(
            Interlocked.Read(ref Done),
            elapsed,
            Interlocked.Read(ref Ok),
            Refused.Values.Sum(c => Interlocked.Read(ref c.Count)),
            Interlocked.Read(ref BugInputs),
            Bugs.Count);

        private void AddBug(string signature, string error, FuzzInput input, long variant, bool hang) =>
            Bugs.AddOrUpdate(
                signature,
                _ => new FuzzBug { Signature = signature, Error = error, Input = input, Variant = variant, IsHang = hang },
                (_, existing) => existing.Input.Index <= input.Index
                    ? existing with { Occurrences = existing.Occurrences + 1 }
                    : existing with { Input = input, Error = error, Variant = variant, Occurrences = existing.Occurrences + 1 });
    }
}
