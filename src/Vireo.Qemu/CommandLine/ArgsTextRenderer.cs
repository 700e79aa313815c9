using System.Text;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Renders a command line the way libvirt prints one for <c>domxml-to-native</c> and
/// its test suite: one env entry per line, then the emulator, then options, each option
/// starting a new line with its values following on the same line. Lines are joined
/// with <c>" \"</c>; values are shell-quoted only when they must be.
/// </summary>
public static class ArgsTextRenderer
{
    // Characters that force single-quoting (libvirt's virBufferEscapeShell set).
    private static readonly System.Buffers.SearchValues<char> ShellSpecial =
        System.Buffers.SearchValues.Create("\r\t\n !\"#$&'()*;<>?[\\]^`{|}~");

    /// <summary>Renders the whole command line, ending with a newline.</summary>
    public static string Render(QemuCommandLine cmd)
    {
        var sb = TextBuilderCache.Acquire(Capacity(cmd));
        foreach (var env in cmd.Environment)
        {
            sb.Append(env.Key).Append('=');
            AppendEscaped(sb, env.Value);
            sb.Append(" \\\n");
        }

        AppendEscaped(sb, cmd.Emulator);

        var args = cmd.Arguments;

        // Index of the last argument that starts with '-' (an option).
        var lastOption = -1;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith('-'))
            {
                lastOption = i;
            }
        }

        var seenOption = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var isOption = arg.StartsWith('-');
            sb.Append(' ');

            // A value stays on its option's line unless it trails after the last option
            // with another value before it.
            var breakLine = isOption || !seenOption || lastOption < i - 1;
            if (breakLine)
            {
                sb.Append("\\\n");
            }

            seenOption |= isOption;
            AppendEscaped(sb, arg);
        }

        sb.Append('\n');
        return TextBuilderCache.ToStringAndRelease(sb);
    }

    // The rendered length when nothing needs quoting, plus room for some quotes: the builder
    // is then allocated once, at about the size of the result.
    private static int Capacity(QemuCommandLine cmd)
    {
        var length = cmd.Emulator.Length + 64;
        foreach (var env in cmd.Environment)
        {
            length += env.Key.Length + env.Value.Length + 8;
        }

        foreach (var arg in cmd.Arguments)
        {
            length += arg.Length + 6;
        }

        return length;
    }

    /// <summary>Appends <paramref name="value"/> shell-escaped like libvirt does.</summary>
    public static void AppendEscaped(StringBuilder sb, string value)
    {
        if (value.Length == 0)
        {
            sb.Append("''");
            return;
        }

        if (value.AsSpan().IndexOfAny(ShellSpecial) < 0)
        {
            sb.Append(value);
            return;
        }

        sb.Append('\'');
        foreach (var c in value)
        {
            if (c == '\'')
            {
                sb.Append("'\\''");
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('\'');
    }
}
