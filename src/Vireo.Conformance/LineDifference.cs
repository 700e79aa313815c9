namespace Vireo.Conformance;

/// <summary>The first line where actual output departs from the expected text.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Expected">Expected line, or null past the end of the expected text.</param>
/// <param name="Actual">Actual line, or null past the end of the actual text.</param>
public sealed record LineDifference(int Line, string? Expected, string? Actual)
{
    /// <summary>Compares two texts line by line (split on <c>\n</c>); null when they are identical.</summary>
    public static LineDifference? Find(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return null;
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var n = Math.Max(e.Length, a.Length);
        for (var i = 0; i < n; i++)
        {
            var el = i < e.Length ? e[i] : null;
            var al = i < a.Length ? a[i] : null;
            if (!string.Equals(el, al, StringComparison.Ordinal))
            {
                return new LineDifference(i + 1, el, al);
            }
        }

        // Unreachable for different strings; kept total.
        return new LineDifference(n, null, null);
    }
}
