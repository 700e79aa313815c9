using System.Text.Json;

namespace Vireo.Conformance.Tests;

/// <summary>
/// Ratchet: the number of passing <c>display</c> cases per suite must not fall below the
/// checked-in floor (<c>conformance-floor.json</c>). Raise the floor as the engine improves.
/// </summary>
public class DisplayConformanceTests
{
    private const string Category = "display";

    [Theory]
    [InlineData("argv")]
    [InlineData("xml2xml")]
    public void DisplayPassCount_IsAtLeastFloor(string suiteName)
    {
        var root = CorpusLocation.RootOrSkip();
        var suite = SuiteNames.TryParse(suiteName)!.Value;
        var floor = Floor(suiteName, Category);

        var result = ConformanceRunner.Run(new ConformanceOptions { CorpusDir = root, Suites = [suite], Category = Category });

        var s = Assert.Single(result.Suites);
        Assert.NotEmpty(s.Cases);
        Assert.True(
            s.Passed >= floor,
            $"{suiteName}/{Category}: {s.Passed} passed, floor is {floor}; first failures: " +
            string.Join("; ", s.Cases.Where(c => c.Status != CaseStatus.Pass).Take(5).Select(c => c.Label + " → " + c.Message)));
    }

    private static int Floor(string suite, string category)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "conformance-floor.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.TryGetProperty(suite, out var s) && s.TryGetProperty(category, out var v) ? v.GetInt32() : 0;
    }
}
