namespace Vireo.Fuzzing.Tests;

/// <summary>
/// Every input the fuzzer ever found a bug with (minimised, in <c>Regressions/</c>) now gets a
/// clear answer — OK or one of Vireo's documented refusals — with every capability source.
/// </summary>
public class RegressionTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Regressions"), "*.xml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_regression_input_gets_a_clear_answer(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Regressions", name));
        var target = TestSeeds.Target;
        for (var variant = 0; variant < Math.Max(1, target.Capabilities.MaxVariants); variant++)
        {
            var v = variant;

            // A generous guard against a hang (the bug some of these inputs showed), not a speed check.
            var run = Task.Run(() => target.Run(bytes, v), TestContext.Current.CancellationToken);
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
            Assert.True(finished == run, $"{name} did not finish (variant {v})");
            Assert.NotEqual(OutcomeKind.Bug, (await run).Kind);
        }
    }
}
