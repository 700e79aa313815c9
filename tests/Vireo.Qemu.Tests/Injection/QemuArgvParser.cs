using System.Globalization;
using System.Text.Json;

namespace Vireo.Qemu.Tests.Injection;

/// <summary>
/// Reads an argument list back the way QEMU 7.2 does, independently of the builder:
/// <list type="bullet">
/// <item>JSON (an argument starting with '{' for -device, -object, -netdev, -blockdev, -audiodev, -compat):
/// QEMU's JSON parser; duplicate keys are an error there and are reported here.</item>
/// <item>QemuOpts / keyval (-chardev, -drive, -name, -machine, -spice, -vnc, -display...): split on single
/// commas, ",," is a literal comma, the first element without '=' is the option's implied key,
/// an element without '=' elsewhere is a flag.</item>
/// <item>-cpu: model then features split on every comma — QEMU's CPU feature parser has no escape.</item>
/// <item>-global DRIVER.PROP=VALUE: the value is everything after the first '=' (no unescaping).</item>
/// <item>Anything else (-kernel, -append, -uuid, -bios, -k...): the whole argument is one value.</item>
/// </list>
/// </summary>
internal static class QemuArgvParser
{
    // Options taking a QemuOpts/keyval string, with the implied key of their first element
    // (QEMU's QemuOptsList.implied_opt_name or keyval implied key; "" when there is none).
    private static readonly Dictionary<string, string> KeyValueOptions = new(StringComparer.Ordinal)
    {
        ["-name"] = "guest",
        ["-chardev"] = "backend",
        ["-netdev"] = "type",
        ["-device"] = "driver",
        ["-object"] = "qom-type",
        ["-drive"] = "",
        ["-spice"] = "",
        ["-vnc"] = "vnc",
        ["-display"] = "type",
        ["-fw_cfg"] = "name",
        ["-smbios"] = "type",
        ["-boot"] = "order",
        ["-machine"] = "type",
        ["-accel"] = "accel",
        ["-audiodev"] = "driver",
        ["-mon"] = "chardev",
        ["-sandbox"] = "enable",
        ["-msg"] = "",
        ["-overcommit"] = "",
        ["-m"] = "size",
        ["-smp"] = "cpus",
        ["-numa"] = "type",
        ["-rtc"] = "",
        ["-add-fd"] = "",
        ["-tpmdev"] = "type",
        ["-fsdev"] = "fsdriver",
        ["-acpitable"] = "",
        ["-iscsi"] = "",
        ["-compat"] = "",
        ["-blockdev"] = "driver",
        ["-icount"] = "shift",
    };

    // Options QEMU 7.2 also reads as JSON when the argument starts with '{'.
    private static readonly HashSet<string> JsonOptions = new(StringComparer.Ordinal)
    {
        "-device", "-object", "-netdev", "-blockdev", "-audiodev", "-compat", "-display",
    };

    // Options whose argument is taken whole.
    private static readonly HashSet<string> RawOptions = new(StringComparer.Ordinal)
    {
        "-kernel", "-initrd", "-append", "-dtb", "-bios", "-mem-path", "-k", "-uuid", "-serial",
        "-parallel", "-watchdog-action", "-soundhw", "-L", "-pidfile", "-cdrom", "-hda", "-D",
        "-loadvm", "-incoming", "-monitor", "-qmp", "-vga", "-usbdevice", "-net",
    };

    /// <summary>
    /// Parses every option of <paramref name="argv"/> (the arguments after the emulator).
    /// Arguments that follow an option taking no value are reported with syntax "none".
    /// </summary>
    public static List<ParsedOption> Parse(IReadOnlyList<string> argv)
    {
        var result = new List<ParsedOption>();
        for (var i = 0; i < argv.Count; i++)
        {
            var option = argv[i];
            if (TakesValue(option) && i + 1 < argv.Count)
            {
                result.Add(ParseValue(option, argv[++i]));
            }
            else
            {
                result.Add(new ParsedOption(option, "none", []));
            }
        }

        return result;
    }

    /// <summary>True when QEMU takes the next argument as this option's value (whatever it starts with).</summary>
    public static bool TakesValue(string option) =>
        option == "-cpu" || option == "-global" || KeyValueOptions.ContainsKey(option) || RawOptions.Contains(option);

    /// <summary>Parses one option's value.</summary>
    public static ParsedOption ParseValue(string option, string value)
    {
        if (option == "-cpu")
        {
            var parts = value.Split(',');
            var pairs = new List<KeyValuePair<string, string>> { new("model", parts[0]) };
            foreach (var p in parts.Skip(1))
            {
                var eq = p.IndexOf('=', StringComparison.Ordinal);
                pairs.Add(eq < 0 ? new(p, "") : new(p[..eq], p[(eq + 1)..]));
            }

            return new ParsedOption(option, "cpu", pairs);
        }

        if (option == "-global")
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            var dot = value.IndexOf('.', StringComparison.Ordinal);
            if (eq > 0 && dot > 0 && dot < eq)
            {
                return new ParsedOption(option, "global", [new(value[..eq], value[(eq + 1)..])]);
            }

            return new ParsedOption(option, "keyval", KeyValue(value, ""));
        }

        if (KeyValueOptions.TryGetValue(option, out var implied))
        {
            if (value.StartsWith('{') && JsonOptions.Contains(option))
            {
                return new ParsedOption(option, "json", Json(value));
            }

            return new ParsedOption(option, "keyval", KeyValue(value, implied));
        }

        return new ParsedOption(option, "raw", [new("", value)]);
    }

    /// <summary>
    /// QEMU's QemuOpts/keyval reading (util/qemu-option.c get_opt_name_value and get_opt_value):
    /// a name runs to the first '=' or ','; when a ',' comes first, the element is the implied
    /// key's value (first element only) or a flag. A value runs to the next single ',', and ",,"
    /// inside it is one literal comma.
    /// </summary>
    public static List<KeyValuePair<string, string>> KeyValue(string text, string impliedKey)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var p = 0;
        var first = true;
        while (p < text.Length || first)
        {
            var len = IndexOfAny(text, p, '=', ',');
            if (len >= text.Length || text[len] != '=')
            {
                if (first && impliedKey.Length > 0)
                {
                    pairs.Add(new(impliedKey, ReadValue(text, ref p)));
                }
                else
                {
                    pairs.Add(new("flag:" + text[p..len], "on"));
                    p = len;
                }
            }
            else
            {
                var name = text[p..len];
                p = len + 1;
                pairs.Add(new(name, ReadValue(text, ref p)));
            }

            first = false;
            if (p < text.Length)
            {
                p++; // the separating comma
                if (p == text.Length)
                {
                    pairs.Add(new("flag:", "on"));
                }
            }
        }

        return pairs;
    }

    private static int IndexOfAny(string text, int from, char a, char b)
    {
        var i = from;
        while (i < text.Length && text[i] != a && text[i] != b)
        {
            i++;
        }

        return i;
    }

    private static string ReadValue(string text, ref int p)
    {
        var sb = new System.Text.StringBuilder();
        while (p < text.Length)
        {
            if (text[p] == ',')
            {
                if (p + 1 < text.Length && text[p + 1] == ',')
                {
                    sb.Append(',');
                    p += 2;
                    continue;
                }

                break;
            }

            sb.Append(text[p]);
            p++;
        }

        return sb.ToString();
    }

    /// <summary>QEMU's JSON reading, flattened to dotted keys; duplicate keys throw as QEMU refuses them.</summary>
    public static List<KeyValuePair<string, string>> Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var pairs = new List<KeyValuePair<string, string>>();
        Flatten(doc.RootElement, "", pairs);
        return pairs;
    }

    private static void Flatten(JsonElement e, string prefix, List<KeyValuePair<string, string>> pairs)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                {
                    if (!seen.Add(p.Name))
                    {
                        throw new FormatException($"duplicate JSON key '{p.Name}'");
                    }

                    Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name, pairs);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    Flatten(item, prefix + "." + i.ToString(CultureInfo.InvariantCulture), pairs);
                    i++;
                }

                break;
            case JsonValueKind.String:
                pairs.Add(new(prefix, e.GetString() ?? ""));
                break;
            default:
                pairs.Add(new(prefix, e.GetRawText()));
                break;
        }
    }
}
