using System.Globalization;
using System.Text;

namespace Vireo.Conformance.Reporting;

/// <summary>The plain-text summary of a run (the CLI prints it): score lines, then per-category tables.</summary>
public static class ConformanceSummary
{
    /// <summary>The score line of a suite: <c>argv: N passed, M failed</c>.</summary>
    public static string ScoreLine(SuiteResult suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return string.Create(CultureInfo.InvariantCulture, $"{SuiteNames.Name(suite.Suite)}: {suite.Passed} passed, {suite.Failed} failed");
    }

    /// <summary>All lines: one score line per suite, then a category table per suite.</summary>
    public static IReadOnlyList<string> Lines(ConformanceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>();
        foreach (var s in result.Suites)
        {
            lines.Add(ScoreLine(s));
        }

        foreach (var s in result.Suites)
        {
            lines.Add("");
            lines.AddRange(CategoryTable(s));
        }

        foreach (var s in result.Suites)
        {
            foreach (var kv in s.IgnoredSettings)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{SuiteNames.Name(s.Suite)}: ignored state setting {kv.Key} ({kv.Value} cases)"));
            }
        }

        return lines;
    }

    /// <summary>The category table of one suite, with a heading line.</summary>
    public static IReadOnlyList<string> CategoryTable(SuiteResult suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var cats = suite.Categories;
        var width = Math.Max("category".Length, cats.Length == 0 ? 0 : cats.Max(c => c.Category.Length));
        var lines = new List<string>(cats.Length + 2)
        {
            SuiteNames.Name(suite.Suite) + " by category:",
            Row("category", "passed", "total", "percent", width),
        };

        foreach (var c in cats)
        {
            lines.Add(Row(
                c.Category.Length == 0 ? "(none)" : c.Category,
                c.Passed.ToString(CultureInfo.InvariantCulture),
                c.Total.ToString(CultureInfo.InvariantCulture),
                c.Percent.ToString("0.0", CultureInfo.InvariantCulture) + "%",
                width));
        }

        return lines;
    }

    private static string Row(string category, string passed, string total, string percent, int width) =>
        new StringBuilder()
            .Append("  ")
            .Append(category.PadRight(width))
            .Append(' ').Append(passed.PadLeft(7))
            .Append(' ').Append(total.PadLeft(6))
            .Append(' ').Append(percent.PadLeft(8))
            .ToString();
}
