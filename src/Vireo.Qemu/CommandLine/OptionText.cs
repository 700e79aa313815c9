using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Guards for XML-derived text placed in QEMU options that have no escape for it.
/// Free-form values in QemuOpts/keyval options are escaped instead (<see cref="QemuProps.EscapeValue"/>:
/// a comma is doubled, which QEMU reads back as one comma); JSON values need nothing more.
/// What cannot be escaped is refused here with a <see cref="DomainConfigException"/> that
/// names the field and the option.
/// </summary>
internal static class OptionText
{
    /// <summary>
    /// A token in <c>-cpu</c> (model, vendor, feature name, Hyper-V vendor id). QEMU splits the
    /// -cpu string on every comma and each feature on '=' with no escape (the x86 and generic CPU
    /// feature parsers, target/i386/cpu.c x86_cpu_parse_featurestr and cpu_common_parse_features),
    /// so a comma, '=' or a control character there would add or change a property.
    /// </summary>
    public static string CpuToken(string value, string what)
    {
        foreach (var c in value)
        {
            if (c == ',' || c == '=' || char.IsControl(c))
            {
                throw DomainConfigException.Unsupported($"{what} '{Printable(value)}' contains {Describe(c)}; QEMU's -cpu option cannot escape it");
            }
        }

        return value;
    }

    /// <summary>
    /// A CPU feature name in <c>-cpu</c>: besides the separators, a leading '+' or '-' is QEMU's
    /// legacy "+feature"/"-feature" syntax, so only letters, digits, '_', '.' and inner '-' pass.
    /// </summary>
    public static string CpuFeature(string value)
    {
        CpuToken(value, "CPU feature");
        if (value.Length == 0 || value[0] is '-' or '+' || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw DomainConfigException.Unsupported($"CPU feature '{Printable(value)}' is not a QEMU property name (letters, digits, '_', '.' and '-', not first)");
        }

        return value;
    }

    /// <summary>
    /// The value of an option's implied first key (the address of <c>-vnc</c>): QEMU reads the
    /// first element as <c>name=value</c> when it has a '=' before its first comma
    /// (util/qemu-option.c, get_opt_name_value), so a '=' there cannot be escaped. Commas are doubled.
    /// </summary>
    public static string ImpliedValue(string value, string what, string option)
    {
        if (value.Contains('=', StringComparison.Ordinal))
        {
            throw DomainConfigException.Unsupported($"{what} '{Printable(value)}' contains '='; QEMU would read it as an option name in {option}");
        }

        return QemuProps.EscapeValue(value);
    }

    /// <summary>An unsigned decimal number (timeouts, counts) written verbatim into a key=value option.</summary>
    public static string Unsigned(string value, string what, string option)
    {
        if (value.Length == 0 || value.Length > 20 || !value.All(char.IsAsciiDigit)
            || !ulong.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw DomainConfigException.Xml($"{what} '{Printable(value)}' must be an unsigned decimal number (it goes into QEMU's {option} option)");
        }

        return value;
    }

    /// <summary>
    /// A user device alias (<c>ua-*</c>): it becomes a QEMU id and part of other ids and node
    /// names, in key=value and JSON options alike. The parser already drops, as libvirt 9.0 does,
    /// an inactive definition's user alias with other characters than letters, digits, '_' and
    /// '-'. Any alias that still gets here (an active definition, whose generated aliases such as
    /// <c>pci.1</c> hold '.') must at least be an id QEMU accepts: letters, digits, '-', '.' and '_'
    /// (util/id.c, id_wellformed()); anything else is refused rather than escaped.
    /// </summary>
    public static void UserAlias(string alias)
    {
        foreach (var c in alias)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw DomainConfigException.Xml($"device alias '{Printable(alias)}' contains {Describe(c)}; a device alias may only contain letters, digits, '-', '.' and '_'");
            }
        }
    }

    /// <summary>Parses a signed decimal XML value, refusing text that is not one (never a FormatException).</summary>
    public static long ParseLong(string text, string what) =>
        long.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : throw DomainConfigException.Xml($"{what} '{Printable(text)}' is not a valid number");

    /// <summary>Parses an unsigned decimal XML value, refusing text that is not one (never a FormatException).</summary>
    public static ulong ParseULong(string text, string what) =>
        ulong.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : throw DomainConfigException.Xml($"{what} '{Printable(text)}' is not a valid unsigned number");

    /// <summary>The value with control characters shown as escapes, for one-line messages.</summary>
    public static string Printable(string value)
    {
        if (!value.Any(char.IsControl))
        {
            return value;
        }

        var sb = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static string Describe(char c) => c switch
    {
        ',' => "a comma",
        '=' => "'='",
        '\n' => "a newline",
        '\r' => "a carriage return",
        '\t' => "a tab",
        _ when char.IsControl(c) => "a control character",
        _ => $"'{c}'",
    };
}
