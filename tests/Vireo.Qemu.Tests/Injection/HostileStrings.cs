using System.Globalization;
using System.Text;

namespace Vireo.Qemu.Tests.Injection;

/// <summary>
/// Deterministic generator of strings built to break QEMU's option syntaxes: commas and
/// doubled commas, '=', option-looking fragments (<c>,id=x</c>, <c>=on</c>), newlines,
/// quotes, JSON-breaking characters, a leading '-', spaces and non-ASCII text. Every string
/// is legal XML 1.0 content (no NUL or other C0 controls besides tab, LF and CR), so it
/// reaches the engine instead of stopping at the XML parser.
/// </summary>
/// <remarks>
/// The seed and count come from <c>VIREO_INJECTION_SEED</c> and <c>VIREO_INJECTION_COUNT</c>
/// when set (defaults 7 and 200), so a failure found with another seed can be replayed.
/// </remarks>
internal static class HostileStrings
{
    /// <summary>Default seed when <c>VIREO_INJECTION_SEED</c> is unset.</summary>
    public const int DefaultSeed = 7;

    /// <summary>Default number of strings when <c>VIREO_INJECTION_COUNT</c> is unset.</summary>
    public const int DefaultCount = 200;

    // Hand-picked strings, always tried first: each aims at one parser rule.
    private static readonly string[] Fixed =
    [
        ",",
        ",,",
        "a,b",
        "a,,b",
        "a,id=x",
        "x,file=/etc/shadow",
        "=on",
        "a=b",
        "id=x",
        "on,id=evil",
        "\n",
        "a\nb",
        "a\r\nb",
        "a\tb",
        "\"",
        "'",
        "}\"",
        "\",\"id\":\"evil",
        "{\"a\":1}",
        "\\",
        "\\u0022",
        "-",
        "-a",
        "--x",
        "-device",
        "help",
        "?",
        " ",
        " lead",
        "trail ",
        "é€😀",
        "\u2028\u00a0",
        "a b,c=d\ne\"f'g",
        ",,,",
        "a,",
        ",a",
    ];

    // Building blocks for the random part.
    private static readonly string[] Fragments =
    [
        ",", ",,", "=", "=on", "=off", ",id=x", ",driver=x", ",file=/x", "id=", "\n", "\r", "\t",
        "\"", "'", "\\", "}", "{", "]", "[", ":", "}\"", "\":\"", " ", "-", "--", ".", "/", "..",
        "é", "€", "😀", "\u00a0", "\u2028", "a", "b", "z", "0", "9", "_", "%", "$", "&", "<", ">",
        ";", "|", "`", "*", "?", "#", "@", "+", "help",
    ];

    /// <summary>The seed in use.</summary>
    public static int Seed => ReadInt("VIREO_INJECTION_SEED", DefaultSeed);

    /// <summary>The number of strings per field.</summary>
    public static int Count => Math.Max(1, ReadInt("VIREO_INJECTION_COUNT", DefaultCount));

    /// <summary>The hostile strings: the fixed list, then random ones, <see cref="Count"/> in all, no duplicates.</summary>
    public static IReadOnlyList<string> Generate() => Generate(Seed, Count);

    /// <summary>The hostile strings for an explicit seed and count.</summary>
    public static IReadOnlyList<string> Generate(int seed, int count)
    {
        var result = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Fixed)
        {
            if (result.Count < count && seen.Add(s))
            {
                result.Add(s);
            }
        }

#pragma warning disable CA5394 // Not security randomness: a reproducible test generator.
        var rng = new Random(seed);
        var attempts = 0;
        while (result.Count < count && attempts++ < count * 50)
        {
            var sb = new StringBuilder();
            var parts = rng.Next(1, 7);
            for (var i = 0; i < parts; i++)
            {
                sb.Append(Fragments[rng.Next(Fragments.Length)]);
            }

            var s = sb.ToString();
            if (seen.Add(s))
            {
                result.Add(s);
            }
        }
#pragma warning restore CA5394

        return result;
    }

    /// <summary>True when the string has a character QEMU's key=value syntax treats specially or a control character.</summary>
    public static bool HasControl(string s) => s.Any(c => c < 0x20 || c == 0x7f);

    /// <summary>Escapes text for an XML attribute or element, keeping tabs and line breaks as character references.</summary>
    public static string XmlEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case '\n' or '\r' or '\t':
                    sb.Append("&#").Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static int ReadInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
