using System.Collections.Immutable;
using Vireo.Capabilities;

namespace Vireo.Conformance.Corpus;

/// <summary>
/// The harness options of a case (the manifest <c>extra</c> column): <c>key=value</c>
/// entries separated by <c>;</c>. A key may repeat (<c>fdgroup</c>); lookups return the last value.
/// </summary>
public sealed record HarnessOptions
{
    /// <summary>Options with no entries.</summary>
    public static HarnessOptions Empty { get; } = new();

    /// <summary>The entries, in column order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Entries { get; init; } = [];

    /// <summary>Parses an <c>extra</c> column value. An entry without <c>=</c> gets an empty value.</summary>
    public static HarnessOptions Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            entries.Add(eq < 0
                ? new KeyValuePair<string, string>(part, "")
                : new KeyValuePair<string, string>(part[..eq], part[(eq + 1)..]));
        }

        return new HarnessOptions { Entries = entries.ToImmutable() };
    }

    /// <summary>The last value given for <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        string? value = null;
        foreach (var e in Entries)
        {
            if (e.Key == key)
            {
                value = e.Value;
            }
        }

        return value;
    }

    /// <summary>Every value given for <paramref name="key"/>, in order.</summary>
    public IEnumerable<string> GetAll(string key) => Entries.Where(e => e.Key == key).Select(e => e.Value);

    /// <summary>The harness flags (<c>flags=</c>, e.g. SKIP_LEGACY_CPUS, FIPS_HOST), comma-separated values merged.</summary>
    public ImmutableArray<string> HarnessFlags => SplitList(GetAll("flags"));

    /// <summary>Flags OR-ed into real capabilities (<c>addflags=</c>).</summary>
    public ImmutableArray<string> AddFlags => SplitList(GetAll("addflags"));

    /// <summary>True when <c>flags=</c> lists <paramref name="flag"/>.</summary>
    public bool HasHarnessFlag(string flag) => HarnessFlags.Contains(flag, StringComparer.Ordinal);

    /// <summary>
    /// The GIC capabilities requested with <c>gic=</c> (NONE, V2, V3, BOTH; each version
    /// in-kernel and emulated), or null when the option is absent.
    /// </summary>
    public ImmutableArray<GicCapability>? Gic => Get("gic") switch
    {
        null => null,
        var v when v.Equals("V2", StringComparison.OrdinalIgnoreCase) => [new GicCapability(2, true, true)],
        var v when v.Equals("V3", StringComparison.OrdinalIgnoreCase) => [new GicCapability(3, true, true)],
        var v when v.Equals("BOTH", StringComparison.OrdinalIgnoreCase) => [new GicCapability(2, true, true), new GicCapability(3, true, true)],
        _ => ImmutableArray<GicCapability>.Empty,
    };

    /// <summary>The <c>-incoming</c> URI: <c>migrate_from=stdio</c> becomes <c>fd:&lt;migrate_fd&gt;</c>, anything else is verbatim.</summary>
    public string? IncomingUri
    {
        get
        {
            var from = Get("migrate_from");
            if (from is null)
            {
                return null;
            }

            return from == "stdio" ? "fd:" + (Get("migrate_fd") ?? "") : from;
        }
    }

    private static ImmutableArray<string> SplitList(IEnumerable<string> values) =>
        [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
