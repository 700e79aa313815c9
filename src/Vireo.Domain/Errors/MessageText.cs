using System.Globalization;
using System.Text;

namespace Vireo.Domain.Errors;

/// <summary>
/// Makes error text safe to print on one terminal line: hostile input echoed in a
/// message (an enum value, a file name) cannot break the line, move the cursor,
/// reorder text or flood the terminal.
/// </summary>
internal static class MessageText
{
    /// <summary>Longest message kept whole; longer ones keep their head and say how much was cut.</summary>
    public const int MaxLength = 512;

    /// <summary>
    /// Line breaks become spaces; other control characters (C0, DEL, C1), Unicode
    /// line/paragraph separators, bidirectional overrides and lone surrogates become
    /// <c>\uXXXX</c>; text over <see cref="MaxLength"/> is cut.
    /// </summary>
    public static string Sanitize(string text)
    {
        if (!NeedsWork(text))
        {
            return text;
        }

        var sb = new StringBuilder(Math.Min(text.Length, MaxLength + 64));
        var i = 0;
        for (; i < text.Length && sb.Length < MaxLength; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                if (!(c == '\n' && i > 0 && text[i - 1] == '\r'))
                {
                    sb.Append(' ');
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        if (i < text.Length)
        {
            sb.Append(CultureInfo.InvariantCulture, $"... ({text.Length} characters in all)");
        }

        return sb.ToString();
    }

    private static bool NeedsWork(string text)
    {
        if (text.Length > MaxLength)
        {
            return true;
        }

        foreach (var c in text)
        {
            if (c is '\r' or '\n' || IsUnsafe(c) || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || char.IsSurrogate(c)
        || c is '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || c is '\u200E' or '\u200F' or '\u061C';
}
