namespace Vireo.Cli;

/// <summary>
/// Hand-rolled argument parsing: positional arguments plus <c>--name value</c> /
/// <c>--name=value</c> options, validated against the options a command accepts.
/// <c>--</c> ends option parsing.
/// </summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private ParsedArgs(List<string> positional) => Positional = positional;

    /// <summary>Positional arguments, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>; every option must be in <paramref name="known"/> and takes a value.</summary>
    public static ParsedArgs Parse(IEnumerable<string> args, string command, params string[] known) =>
        Parse(args, command, known, []);

    /// <summary>
    /// Parses <paramref name="args"/>: options in <paramref name="known"/> take a value,
    /// options in <paramref name="flags"/> take none.
    /// </summary>
    public static ParsedArgs Parse(IEnumerable<string> args, string command, string[] known, string[] flags)
    {
        var positional = new List<string>();
        var parsed = new ParsedArgs(positional);
        using var e = args.GetEnumerator();
        var optionsDone = false;
        while (e.MoveNext())
        {
            var a = e.Current;
            if (optionsDone || !a.StartsWith("--", StringComparison.Ordinal) || a == "-")
            {
                positional.Add(a);
                continue;
            }

            if (a == "--")
            {
                optionsDone = true;
                continue;
            }

            var eq = a.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? a[2..] : a[2..eq];
            if (eq < 0 && flags.Contains(name, StringComparer.Ordinal))
            {
                parsed._flags.Add(name);
                continue;
            }

            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new UsageException($"{command}: unknown option '--{name}' (see 'vireo help {command}')");
            }

            string value;
            if (eq >= 0)
            {
                value = a[(eq + 1)..];
            }
            else if (e.MoveNext())
            {
                value = e.Current;
            }
            else
            {
                throw new UsageException($"{command}: option '--{name}' needs a value");
            }

            if (!parsed._options.TryAdd(name, value))
            {
                throw new UsageException($"{command}: option '--{name}' given twice");
            }
        }

        return parsed;
    }

    /// <summary>True when the value-less option <c>--name</c> was given.</summary>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The value of an option, or null.</summary>
    public string? Option(string name) => _options.TryGetValue(name, out var v) ? v : null;

    /// <summary>The value of a required option.</summary>
    public string Required(string command, string name) =>
        Option(name) ?? throw new UsageException($"{command}: missing required option '--{name}'");

    /// <summary>Checks the number of positional arguments and returns them.</summary>
    public IReadOnlyList<string> ExpectPositional(string command, int count, string what)
    {
        if (Positional.Count != count)
        {
            throw new UsageException(count == 0
                ? $"{command}: unexpected argument '{Positional[0]}'"
                : $"{command}: expected {what}");
        }

        return Positional;
    }
}
