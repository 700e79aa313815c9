using System.Collections.Immutable;

namespace Vireo.Advisor.Facts;

/// <summary>One key column of a fact: <c>*</c> (any value) or a set of values written <c>a|b|c</c>.</summary>
public sealed record FactPattern
{
    private FactPattern(ImmutableArray<string> values) => Values = values;

    /// <summary>The values matched; empty for <c>*</c>.</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>True for <c>*</c>.</summary>
    public bool IsAny => Values.IsEmpty;

    /// <summary>Parses <c>*</c> or <c>a|b|c</c>.</summary>
    public static FactPattern Parse(string text) =>
        new(text == "*" ? [] : [.. text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]);

    /// <summary>Whether <paramref name="value"/> matches.</summary>
    public bool Matches(string value) => IsAny || Values.Contains(value, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => IsAny ? "*" : string.Join('|', Values);
}
