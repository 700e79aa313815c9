using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Vireo.Domain;

/// <summary>
/// libvirt's CPU/NUMA-node list syntax ("0-3,^2,8"): parsing into a set of numbers and
/// writing a set back in libvirt's canonical form (ascending ranges, no exclusions).
/// </summary>
public static class NodeSet
{
    /// <summary>
    /// The most numbers a list may name, counting each range in full (a Vireo limit: libvirt's
    /// CPU masks stop at 1024; "0-2147483647" must not take minutes).
    /// </summary>
    public const int MaxMembers = 1 << 18;

    /// <summary>Parses a list; null when the text is not a valid list (or names more than <see cref="MaxMembers"/> numbers).</summary>
    public static ImmutableSortedSet<int>? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var budget = (long)MaxMembers;
        var set = ImmutableSortedSet.CreateBuilder<int>();
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                return null;
            }

            var negate = item.StartsWith('^');
            if (negate)
            {
                item = item[1..];
            }

            var dash = item.IndexOf('-', StringComparison.Ordinal);
            int first;
            int last;
            if (dash < 0)
            {
                if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out first))
                {
                    return null;
                }

                last = first;
            }
            else if (negate
                || !int.TryParse(item.AsSpan(0, dash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out first)
                || !int.TryParse(item.AsSpan(dash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out last)
                || last < first)
            {
                return null;
            }

            budget -= (long)last - first + 1;
            if (budget < 0)
            {
                return null;
            }

            // long: a range ending at int.MaxValue must not wrap around.
            for (long n = first; n <= last; n++)
            {
                if (negate)
                {
                    set.Remove((int)n);
                }
                else
                {
                    set.Add((int)n);
                }
            }
        }

        return set.ToImmutable();
    }

    /// <summary>Writes a set as libvirt does: "0-3,5,7-8". Empty for an empty set.</summary>
    public static string Format(IEnumerable<int> values)
    {
        var sb = new StringBuilder();
        int? start = null;
        var prev = 0;
        foreach (var v in values.Distinct().Order())
        {
            if (start is null)
            {
                start = prev = v;
                continue;
            }

            if (v == prev + 1)
            {
                prev = v;
                continue;
            }

            Append(sb, start.Value, prev);
            start = prev = v;
        }

        if (start is not null)
        {
            Append(sb, start.Value, prev);
        }

        return sb.ToString();
    }

    /// <summary>Canonical form of a list (or the text unchanged when it does not parse).</summary>
    public static string Canonical(string text) => TryParse(text) is { } set ? Format(set) : text;

    private static void Append(StringBuilder sb, int first, int last)
    {
        if (sb.Length > 0)
        {
            sb.Append(',');
        }

        sb.Append(first.ToString(CultureInfo.InvariantCulture));
        if (last != first)
        {
            sb.Append('-').Append(last.ToString(CultureInfo.InvariantCulture));
        }
    }
}
