namespace Vireo.Conformance.Corpus;

/// <summary>One data row of a <see cref="TsvTable"/>, addressed by column name.</summary>
public sealed class TsvRow
{
    private readonly IReadOnlyDictionary<string, int> _columns;
    private readonly string[] _fields;

    internal TsvRow(IReadOnlyDictionary<string, int> columns, string[] fields, int lineNumber)
    {
        _columns = columns;
        _fields = fields;
        LineNumber = lineNumber;
    }

    /// <summary>1-based line number of the row in its file.</summary>
    public int LineNumber { get; }

    /// <summary>The field under <paramref name="column"/>; empty when the column is absent or the row is short.</summary>
    public string this[string column] => Get(column);

    /// <summary>The field under <paramref name="column"/>; empty when the column is absent or the row is short.</summary>
    public string Get(string column) =>
        _columns.TryGetValue(column, out var index) && index < _fields.Length ? _fields[index] : "";
}
