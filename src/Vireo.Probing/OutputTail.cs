namespace Vireo.Probing;

/// <summary>Keeps the last lines a child process wrote, within a character budget, for error messages.</summary>
internal sealed class OutputTail(int maxCharacters)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private int _characters;

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (line.Length > maxCharacters)
        {
            line = line[..maxCharacters];
        }

        lock (_lock)
        {
            _lines.Enqueue(line);
            _characters += line.Length;
            while (_characters > maxCharacters && _lines.Count > 1)
            {
                _characters -= _lines.Dequeue().Length;
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return string.Join(" | ", _lines);
        }
    }
}
