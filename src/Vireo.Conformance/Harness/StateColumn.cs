using System.Collections.Immutable;

namespace Vireo.Conformance.Harness;

/// <summary>Parser for the manifest <c>state</c> column (<c>cfg.X=V;env.Y=V</c>, <c>NULL</c> = null).</summary>
public static class StateColumn
{
    /// <summary>
    /// Parses the column. Entries are separated by <c>;</c>; the scope is the text before
    /// the first <c>.</c>; the value is everything after the first <c>=</c> (so values may
    /// contain <c>=</c> and <c>.</c>). An entry without a scope gets an empty scope; without
    /// <c>=</c> an empty value.
    /// </summary>
    public static ImmutableArray<StateSetting> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<StateSetting>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            var lhs = eq < 0 ? part : part[..eq];
            string? value = eq < 0 ? "" : part[(eq + 1)..];
            if (value == "NULL")
            {
                value = null;
            }

            var dot = lhs.IndexOf('.');
            var scope = dot < 0 ? "" : lhs[..dot];
            var key = dot < 0 ? lhs : lhs[(dot + 1)..];
            list.Add(new StateSetting(scope, key, value));
        }

        return list.ToImmutable();
    }
}
