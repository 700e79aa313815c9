using System.Globalization;

namespace Vireo.Fuzzing.Tests;

/// <summary>
/// The CI fuzz run: 100,000 inputs of a fixed seed over the corpus's domain XMLs (or the
/// examples when the corpus is absent), through the whole xml2argv/xml2xml pipeline; every
/// input must get OK or a documented refusal. Longer runs: <c>vireo fuzz --seconds N</c>.
/// </summary>
public class CiFuzzRunTests(ITestOutputHelper output)
{
    /// <summary>The fixed seed of the CI run.</summary>
    public const ulong CiSeed = 20261121;

    /// <summary>Inputs in the CI run (issue #7: at least 100,000).</summary>
    public const long CiInputs = 100_000;

    [Fact]
    public void Hundred_thousand_inputs_get_ok_or_a_documented_refusal()
    {
        var report = new FuzzRunner(TestSeeds.Mutator, TestSeeds.Target).Run(new FuzzOptions
        {
            Seed = CiSeed,
            MaxInputs = CiInputs,
            Workers = Math.Max(2, Environment.ProcessorCount),
            Minimise = true,
        }, cancellationToken: TestContext.Current.CancellationToken);

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"seeds: {report.SeedDescription}; seed {report.Seed}"));
        output.WriteLine(string.Create(inv, $"inputs: {report.Inputs} in {report.Elapsed.TotalSeconds:0.0} s ({report.InputsPerSecond:0} inputs/s)"));
        output.WriteLine(string.Create(inv, $"ok: {report.Ok}, refused: {report.Refused} ({string.Join(", ", report.RefusedByPhase.Select(kv => kv.Key + " " + kv.Value))}), bugs: {report.BugInputs}"));
        foreach (var bug in report.Bugs)
        {
            output.WriteLine($"BUG {bug.Signature}: {bug.Error} (input #{bug.Input.Index}, {bug.Occurrences}x)");
            output.WriteLine(System.Text.Encoding.UTF8.GetString(bug.Minimised ?? bug.Input.Bytes));
        }

        Assert.Equal(CiInputs, report.Inputs);
        Assert.Equal(report.Inputs, report.Ok + report.Refused + report.BugInputs);
        Assert.True(report.Ok > 0, "no input made it through the whole pipeline");
        Assert.Empty(report.Bugs);
    }
}
