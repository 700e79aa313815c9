using System.Text.Json;

namespace Vireo.Conformance.Tests;

/// <summary>
/// Conformance ratchets over the public corpus. Display is the heart of Vireo: every
/// display case must pass. Every other category must keep at least the pass count
/// checked in to <c>conformance-floor.json</c> (raise it as the engine improves; it never
/// goes down).
/// </summary>
public class DisplayConformanceTests
{
    private static readonly Lazy<ConformanceResult?> Whole = new(() =>
        CorpusLocation.Root is { } root ? ConformanceRunner.Run(new ConformanceOptions { CorpusDir = root }) : null);

    [Theory]
    [InlineData("argv")]
    [InlineData("xml2xml")]
    public void EveryDisplayCase_Passes(string suiteName)
    {
        CorpusLocation.RootOrSkip();
        var s = Suite(suiteName);
        var display = s.Cases.Where(c => c.Category == "display").ToList();
        Assert.NotEmpty(display);
        var failures = display.Where(c => c.Status != CaseStatus.Pass).ToList();
        Assert.True(
            failures.Count == 0,
            $"{suiteName}/display: {failures.Count} of {display.Count} failed: " +
            string.Join("; ", failures.Take(5).Select(c => c.Label + " → " + c.Message)));
    }

    [Theory]
    [InlineData("argv")]
    [InlineData("xml2xml")]
    [InlineData("domaincaps")]
    public void EveryCategory_StaysAtOrAboveFloor(string suiteName)
    {
        CorpusLocation.RootOrSkip();
        var s = Suite(suiteName);
        var below = new List<string>();
        foreach (var (category, floor) in Floors(suiteName))
        {
            var passed = s.Cases.Count(c => c.Category == category && c.Status == CaseStatus.Pass);
            if (passed < floor)
            {
                below.Add($"{category}: {passed} < floor {floor}");
            }
        }

        Assert.True(below.Count == 0, $"{suiteName} regressed: " + string.Join(", ", below));
    }

    private static SuiteResult Suite(string name)
    {
        var result = Whole.Value ?? throw new InvalidOperationException("corpus missing");
        var suite = SuiteNames.TryParse(name)!.Value;
        return result.For(suite) ?? throw new InvalidOperationException("suite not run: " + name);
    }

    private static IEnumerable<(string Category, int Floor)> Floors(string suite)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "conformance-floor.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (!doc.RootElement.TryGetProperty(suite, out var s))
        {
            return [];
        }

        return [.. s.EnumerateObject().Select(p => (p.Name, p.Value.GetInt32()))];
    }
}
