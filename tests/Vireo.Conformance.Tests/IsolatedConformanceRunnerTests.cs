using System.Diagnostics;
using Vireo.Conformance.Isolation;

namespace Vireo.Conformance.Tests;

public sealed class IsolatedConformanceRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vireo-iso-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WorkerProtocol_RoundTripsResults()
    {
        var r = new CaseResult
        {
            Suite = ConformanceSuite.Argv,
            Name = "n",
            Status = CaseStatus.Fail,
            Row = 12,
            Phase = CasePhase.Compare,
            MessageMatched = false,
            Message = "line1\nline2",
            Difference = new LineDifference(3, "a", null),
            IgnoredSettings = ["cfg.x"],
        };

        var line = WorkerProtocol.DoneLine(r);

        Assert.DoesNotContain('\n', line);
        var back = WorkerProtocol.TryParseDone(line);
        Assert.NotNull(back);
        Assert.Equal(r.Difference, back.Difference);
        Assert.Equal(r.IgnoredSettings, back.IgnoredSettings);
        Assert.Equal(r with { IgnoredSettings = back.IgnoredSettings }, back);
        Assert.True(WorkerProtocol.TryParseStart(WorkerProtocol.StartLine(12), out var row));
        Assert.Equal(12, row);
        Assert.Null(WorkerProtocol.TryParseDone("done {garbled"));
    }

    [Fact]
    public void CrashingCase_IsAnErrorAndTheRestStillRun()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses a bash fake worker");
        var root = CorpusLocation.RootOrSkip();
        var cases = new ConformanceRunner(root).Cases(ConformanceSuite.Argv, "display");
        Assert.True(cases.Length >= 4);
        var crashRows = new[] { cases[1].Row, cases[3].Row };
        foreach (var c in cases)
        {
            File.WriteAllText(Path.Combine(_dir, c.Row + ".done"), WorkerProtocol.DoneLine(c.Template with { Status = CaseStatus.Pass }) + "\n");
        }

        foreach (var row in crashRows)
        {
            File.WriteAllText(Path.Combine(_dir, row + ".crash"), "");
        }

        // Fake worker: announces each row, dies on the marked ones (like a stack overflow), else reports a pass.
        const string script = """
            while read -r row; do
              echo "start $row"
              if [ -e "$1/$row.crash" ]; then echo "Stack overflow." >&2; kill -9 $$; fi
              cat "$1/$row.done"
            done
            """;
        var runner = new IsolatedConformanceRunner(_ =>
        {
            var psi = new ProcessStartInfo("/bin/bash");
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add("fake-worker");
            psi.ArgumentList.Add(_dir);
            return psi;
        });

        var result = runner.Run(new ConformanceOptions { CorpusDir = root, Suites = [ConformanceSuite.Argv], Category = "display" });

        var suite = Assert.Single(result.Suites);
        Assert.Equal(cases.Select(c => c.Row), suite.Cases.Select(c => c.Row));
        Assert.Equal(cases.Length - 2, suite.Passed);
        foreach (var row in crashRows)
        {
            var crashed = suite.Cases.Single(c => c.Row == row);
            Assert.Equal(CaseStatus.Error, crashed.Status);
            Assert.Contains("crashed", crashed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WorkerThatCannotStart_MarksEveryCaseAsError()
    {
        var root = CorpusLocation.RootOrSkip();
        var runner = new IsolatedConformanceRunner(_ => new ProcessStartInfo(Path.Combine(_dir, "no-such-worker")));

        var result = runner.Run(new ConformanceOptions { CorpusDir = root, Suites = [ConformanceSuite.Argv], Category = "display" });

        Assert.All(result.Suites[0].Cases, c => Assert.Equal(CaseStatus.Error, c.Status));
        Assert.NotEmpty(result.Suites[0].Cases);
    }
}
