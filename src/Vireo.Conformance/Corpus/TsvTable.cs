using System.Collections.Immutable;

namespace Vireo.Conformance.Corpus;

/// <summary>
/// A tab-separated table whose first line names the columns. Rows are looked up by
/// column name, so the reader does not depend on column order or on columns it does
/// not use. Fields are taken verbatim (the corpus manifests never quote or escape).
/// </summary>
public sealed class TsvTable
{
    private readonly Dictionary<string, int> _columns;

    private TsvTable(ImmutableArray<string> header, ImmutableArray<TsvRow> rows, Dictionary<string, int> columns)
    {
        Header = header;
        Rows = rows;
        _columns = columns;
    }

    /// <summary>Column names, in file order.</summary>
    public ImmutableArray<string> Header { get; }

    /// <summary>Data rows, in file order (blank lines skipped).</summary>
    public ImmutableArray<TsvRow> Rows { get; }

    /// <summary>Reads and parses a TSV file.</summary>
    public static TsvTable Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses TSV text: a header line then one row per line; CR before LF is dropped.</summary>
    public static TsvTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var header = ImmutableArray<string>.Empty;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = ImmutableArray.CreateBuilder<TsvRow>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (header.IsDefaultOrEmpty)
            {
                header = [.. fields];
                for (var c = 0; c < fields.Length; c++)
                {
                    columns.TryAdd(fields[c], c);
                }

                continue;
            }

            rows.Add(new TsvRow(columns, fields, i + 1));
        }

        return new TsvTable(header.IsDefault ? [] : header, rows.ToImmutable(), columns);
    }

    /// <summary>True when the table has a column of that name.</summary>
    public bool HasColumn(string name) => _columns.ContainsKey(name);
}
