using Vireo.Conformance.Corpus;
using Vireo.Conformance.Reporting;

namespace Vireo.Conformance.Tests;

public class ConformanceRunnerTests
{
    [Fact]
    public void NotACorpus_Throws() =>
        Assert.Throws<DirectoryNotFoundException>(() => new ConformanceRunner(Path.Combine(Path.GetTempPath(), "no-such-corpus-" + Guid.NewGuid())));

    [Fact]
    public void MissingInput_IsASetupError()
    {
        var runner = new ConformanceRunner(CorpusLocation.RootOrSkip());
        var c = new ArgvCase { Name = "x", Caps = "flags", Arch = "x86_64", InputXml = "qemuxml2argvdata/does-not-exist.xml", Expected = "x.args" };

        var r = runner.RunArgvCase(c);

        Assert.Equal(CaseStatus.Error, r.Status);
        Assert.Equal(CasePhase.Setup, r.Phase);
    }

    [Fact]
    public void WholeCorpus_CompletesWithOneResultPerRowInOrder()
    {
        var root = CorpusLocation.RootOrSkip();

        var result = ConformanceRunner.Run(new ConformanceOptions { CorpusDir = root });

        var argv = result.For(ConformanceSuite.Argv)!;
        var rows = CorpusReader.ReadArgv(root);
        Assert.Equal(rows.Select(r => r.Row), argv.Cases.Select(c => c.Row));
        Assert.Equal(argv.Cases.Length, argv.Passed + argv.Failed);
        Assert.Equal(CorpusReader.ReadXml2Xml(root).Length, result.For(ConformanceSuite.Xml2Xml)!.Cases.Length);
        var caps = result.For(ConformanceSuite.DomainCaps)!;
        Assert.Equal(CorpusReader.ReadDomainCaps(root).Length, caps.Cases.Length);
        Assert.All(caps.Cases, c => Assert.Equal(CaseStatus.Pass, c.Status));
        Assert.All(result.Suites, s => Assert.Empty(s.IgnoredSettings));
    }

    [Fact]
    public void Summary_StartsWithScoreLines()
    {
        var root = CorpusLocation.RootOrSkip();
        var result = ConformanceRunner.Run(new ConformanceOptions { CorpusDir = root, Category = "display" });

        var lines = ConformanceSummary.Lines(result);

        Assert.Matches("^argv: [0-9]+ passed, [0-9]+ failed$", lines[0]);
        Assert.Matches("^xml2xml: [0-9]+ passed, [0-9]+ failed$", lines[1]);
        Assert.Matches("^domaincaps: 0 passed, [0-9]+ failed$", lines[2]);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("display ", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_IsSnakeCaseJsonWithEveryCase()
    {
        var root = CorpusLocation.RootOrSkip();
        var result = ConformanceRunner.Run(new ConformanceOptions { CorpusDir = root, Category = "display", Suites = [ConformanceSuite.Argv] });

        using var doc = System.Text.Json.JsonDocument.Parse(ConformanceReport.ToJson(result));

        var cases = doc.RootElement.GetProperty("cases");
        Assert.Equal(result.Suites[0].Cases.Length, cases.GetArrayLength());
        var first = cases[0];
        Assert.Equal("argv", first.GetProperty("suite").GetString());
        Assert.Equal("display", first.GetProperty("category").GetString());
        Assert.True(first.TryGetProperty("expected_kind", out _));
        Assert.True(first.TryGetProperty("phase", out _));
        Assert.Matches("^(pass|fail|error)$", first.GetProperty("status").GetString());
    }
}
