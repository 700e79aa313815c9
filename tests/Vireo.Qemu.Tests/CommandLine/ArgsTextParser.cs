using System.Collections.Immutable;
using System.Text;
using Vireo.Qemu.CommandLine;

namespace Vireo.Qemu.Tests.CommandLine;

/// <summary>
/// Test helper: reads libvirt <c>.args</c> text back into a <see cref="QemuCommandLine"/>
/// (the inverse of the rendering). Words are split on unquoted spaces; <c>'...'</c>
/// quotes literally; an unquoted backslash escapes the next character, and a
/// backslash-newline is a line continuation. Leading <c>NAME=VALUE</c> words are the
/// environment, the next word the emulator, the rest the arguments.
/// </summary>
internal static class ArgsTextParser
{
    public static QemuCommandLine Parse(string text)
    {
        var words = Words(text);
        var env = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var i = 0;
        for (; i < words.Count && IsAssignment(words[i].Text, words[i].NameQuoted); i++)
        {
            var eq = words[i].Text.IndexOf('=', StringComparison.Ordinal);
            env.Add(new KeyValuePair<string, string>(words[i].Text[..eq], words[i].Text[(eq + 1)..]));
        }

        if (i >= words.Count)
        {
            throw new FormatException("no emulator");
        }

        return new QemuCommandLine(env.ToImmutable(), words[i].Text, [.. words.Skip(i + 1).Select(w => w.Text)]);
    }

    private static bool IsAssignment(string word, bool nameQuoted)
    {
        if (nameQuoted)
        {
            return false;
        }

        var eq = word.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return false;
        }

        for (var k = 0; k < eq; k++)
        {
            var c = word[k];
            var ok = c == '_' || char.IsAsciiLetter(c) || (k > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static List<(string Text, bool NameQuoted)> Words(string text)
    {
        var words = new List<(string, bool)>();
        var sb = new StringBuilder();
        var inWord = false;
        var quotedBeforeEquals = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new FormatException("unterminated quote");
                }

                quotedBeforeEquals |= !sb.ToString().Contains('=', StringComparison.Ordinal);
                sb.Append(text, i + 1, end - i - 1);
                inWord = true;
                i = end + 1;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                if (text[i + 1] != '\n')
                {
                    sb.Append(text[i + 1]);
                    inWord = true;
                }

                i += 2;
            }
            else if (c is ' ' or '\n')
            {
                if (inWord)
                {
                    words.Add((sb.ToString(), quotedBeforeEquals));
                    sb.Clear();
                    inWord = false;
                    quotedBeforeEquals = false;
                }

                i++;
            }
            else
            {
                sb.Append(c);
                inWord = true;
                i++;
            }
        }

        if (inWord)
        {
            words.Add((sb.ToString(), quotedBeforeEquals));
        }

        return words;
    }
}
