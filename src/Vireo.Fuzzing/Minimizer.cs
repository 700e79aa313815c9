namespace Vireo.Fuzzing;

/// <summary>
/// Delta debugging (complement-only ddmin): removes ever-smaller chunks of an input while a
/// predicate still holds, first by lines, then by bytes, within a bound on predicate calls.
/// </summary>
public static class Minimizer
{
    /// <summary>A smaller input for which <paramref name="stillFails"/> holds (the input itself when none is found).</summary>
    /// <param name="input">An input for which <paramref name="stillFails"/> holds.</param>
    /// <param name="stillFails">Whether a candidate still shows the bug.</param>
    /// <param name="maxRuns">The most predicate calls.</param>
    public static byte[] Minimise(byte[] input, Func<byte[], bool> stillFails, int maxRuns = 4000)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(stillFails);
        var runs = 0;
        var lines = SplitLines(input);
        lines = DeltaDebug(lines, units => stillFails(Join(units)), ref runs, maxRuns);
        var bytes = Join(lines).Select(b => new[] { b }).ToList();
        bytes = DeltaDebug(bytes, units => stillFails(Join(units)), ref runs, maxRuns);
        return Join(bytes);
    }

    private static List<byte[]> DeltaDebug(List<byte[]> units, Func<List<byte[]>, bool> holds, ref int runs, int maxRuns)
    {
        var n = 2;
        while (units.Count >= 2 && runs < maxRuns)
        {
            var chunk = (units.Count + n - 1) / n;
            var reduced = false;
            for (var start = 0; start < units.Count && runs < maxRuns; start += chunk)
            {
                var candidate = new List<byte[]>(units.Count);
                candidate.AddRange(units.Take(start));
                candidate.AddRange(units.Skip(start + chunk));
                runs++;
                if (holds(candidate))
                {
                    units = candidate;
                    n = Math.Max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }

            if (!reduced)
            {
                if (n >= units.Count)
                {
                    break;
                }

                n = Math.Min(n * 2, units.Count);
            }
        }

        return units;
    }

    private static List<byte[]> SplitLines(byte[] input)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == (byte)'\n')
            {
                lines.Add(input[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < input.Length)
        {
            lines.Add(input[start..]);
        }

        return lines;
    }

    private static byte[] Join(List<byte[]> units)
    {
        var result = new byte[units.Sum(u => u.Length)];
        var at = 0;
        foreach (var u in units)
        {
            u.CopyTo(result, at);
            at += u.Length;
        }

        return result;
    }
}
