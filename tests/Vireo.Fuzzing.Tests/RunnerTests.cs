using System.Text;

namespace Vireo.Fuzzing.Tests;

public class RunnerTests
{
    private static readonly FuzzMutator SmallMutator = new(SeedCorpus.FromSeeds(
        [new FuzzSeed("s.xml", Encoding.UTF8.GetBytes("<domain type='qemu'>\n<name>a</name>\n<memory>1</memory>\n</domain>\n"))]));

    [Fact]
    public void Counts_every_input_once()
    {
        var report = new FuzzRunner(SmallMutator, new FakeTarget()).Run(new FuzzOptions { MaxInputs = 1000, Workers = 2 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1000, report.Inputs);
        Assert.Equal(1000, report.Ok + report.Refused + report.BugInputs);
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void Other_exceptions_are_bugs_grouped_by_signature_minimised_and_saved()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vireo-fuzz-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var target = new FakeTarget { BugEvery = 10 };
            var report = new FuzzRunner(SmallMutator, target).Run(new FuzzOptions { MaxInputs = 200, Workers = 2, CrashesDirectory = dir }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(20, report.BugInputs);
            var bug = Assert.Single(report.Bugs);
            Assert.Equal(20, bug.Occurrences);
            Assert.Equal(3, bug.Input.Index);
            Assert.NotNull(bug.Minimised);
            Assert.True(bug.Minimised.Length < bug.Input.Bytes.Length);
            Assert.Equal(Path.Combine(dir, FuzzRunner.FileNameFor(bug.Signature)), bug.SavedPath);
            Assert.Equal(bug.Minimised, File.ReadAllBytes(bug.SavedPath!));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void An_input_past_its_budget_is_a_hang_and_the_run_goes_on()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            var target = new FakeTarget { HangAt = 5, Release = release };
            var report = new FuzzRunner(SmallMutator, target).Run(new FuzzOptions
            {
                MaxInputs = 50,
                Workers = 2,
                InputBudget = TimeSpan.FromMilliseconds(200),
            }, cancellationToken: TestContext.Current.CancellationToken);
            var bug = Assert.Single(report.Bugs);
            Assert.True(bug.IsHang);
            Assert.Equal(5, bug.Input.Index);
            Assert.Equal("hang in " + FuzzPhases.PostParse, bug.Signature);
            Assert.Equal(50, report.Inputs);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void A_run_is_reproducible_from_its_seed()
    {
        var a = new FuzzRunner(SmallMutator, TestSeeds.Target).Run(new FuzzOptions { Seed = 77, MaxInputs = 300, Workers = 2 }, cancellationToken: TestContext.Current.CancellationToken);
        var b = new FuzzRunner(SmallMutator, TestSeeds.Target).Run(new FuzzOptions { Seed = 77, MaxInputs = 300, Workers = 1 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(a.Ok, b.Ok);
        Assert.Equal(a.RefusedByPhase, b.RefusedByPhase);
    }

    /// <summary>A stand-in pipeline: OK or refused by index, a bug every <see cref="BugEvery"/> inputs, a hang at one index.</summary>
    private sealed class FakeTarget : IFuzzTarget
    {
        public int BugEvery { get; init; }

        public long HangAt { get; init; } = -1;

        public ManualResetEventSlim? Release { get; init; }

        public FuzzOutcome Run(byte[] input, long variant, FuzzSlot? slot = null)
        {
            if (variant == HangAt && slot is not null)
            {
                slot.Phase = FuzzPhases.PostParse;
                Release?.Wait();
            }

            if (BugEvery > 0 && variant % BugEvery == 3)
            {
                try
                {
                    throw new NotSupportedException("fake bug");
                }
                catch (NotSupportedException ex)
                {
                    return FuzzTarget.Classify(ex, FuzzPhases.Build);
                }
            }

            return variant % 2 == 0 ? new FuzzOutcome(OutcomeKind.Ok, FuzzPhases.Render) : new FuzzOutcome(OutcomeKind.Refused, FuzzPhases.Parse);
        }
    }
}
