using System.Collections.Immutable;
using System.Globalization;

namespace Vireo.Advisor.Facts;

/// <summary>
/// The display facts (<c>Facts/display-facts.tsv</c>, embedded): arch family × firmware ×
/// device × accelerator × guest OS × condition → verdict, with the reason, the fix and the
/// source. Lookup takes the most specific matching row, the first on a tie.
/// </summary>
public sealed class FactTable
{
    private const string ResourceName = "Vireo.Advisor.Facts.display-facts.tsv";
    private const int Columns = 13;
    private static readonly Lazy<FactTable> EmbeddedTable = new(LoadEmbedded);

    private FactTable(ImmutableArray<DisplayFact> facts) => Facts = facts;

    /// <summary>The table Vireo carries.</summary>
    public static FactTable Embedded => EmbeddedTable.Value;

    /// <summary>Every fact, in file order.</summary>
    public ImmutableArray<DisplayFact> Facts { get; }

    /// <summary>Reads a table (TSV, <c>#</c> comments) from <paramref name="reader"/>.</summary>
    /// <exception cref="FormatException">A row is malformed.</exception>
    public static FactTable Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var facts = ImmutableArray.CreateBuilder<DisplayFact>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length != Columns)
            {
                throw Bad(lineNo, $"{f.Length} columns, expected {Columns}");
            }

            if (!ids.Add(f[0]))
            {
                throw Bad(lineNo, $"duplicate id '{f[0]}'");
            }

            var stage = DisplayStages.Parse(f[1]) ?? throw Bad(lineNo, $"unknown stage '{f[1]}'");
            var verdict = Verdicts.Parse(f[8]) ?? throw Bad(lineNo, $"unknown verdict '{f[8]}'");
            facts.Add(new DisplayFact(
                f[0], stage,
                FactPattern.Parse(f[2]), FactPattern.Parse(f[3]), FactPattern.Parse(f[4]),
                FactPattern.Parse(f[5]), FactPattern.Parse(f[6]), FactPattern.Parse(f[7]),
                verdict, Dash(f[9]), f[10], Dash(f[11]), Dash(f[12]), lineNo));
        }

        return new FactTable(facts.ToImmutable());
    }

    /// <summary>The fact for <paramref name="query"/>: the most specific match, the first on a tie.</summary>
    /// <exception cref="InvalidOperationException">No row matches (the table lacks a catch-all row for the stage).</exception>
    public DisplayFact Find(FactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        DisplayFact? best = null;
        foreach (var fact in Facts)
        {
            if (fact.Matches(query) && (best is null || fact.Specificity > best.Specificity))
            {
                best = fact;
            }
        }

        return best ?? throw new InvalidOperationException($"display facts: no row for {query}");
    }

    private static string? Dash(string s) => s is "-" or "" ? null : s;

    private static FormatException Bad(int line, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"display-facts.tsv line {line}: {what}"));

    private static FactTable LoadEmbedded()
    {
        using var stream = typeof(FactTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"missing embedded resource {ResourceName}");
        using var reader = new StreamReader(stream);
        return Load(reader);
    }
}
