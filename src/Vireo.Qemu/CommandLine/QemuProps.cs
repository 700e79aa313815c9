using System.Globalization;
using System.Text;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// An ordered set of QEMU properties (the body of a <c>-device</c>, <c>-object</c>,
/// <c>-netdev</c>, <c>-blockdev</c>...). Rendered either as QEMU's JSON syntax or as
/// the legacy <c>key=value,...</c> syntax with commas doubled inside values so that
/// QEMU reads exactly one value per key.
/// </summary>
public sealed class QemuProps
{
    private readonly List<KeyValuePair<string, object>> items = [];

    /// <summary>Number of properties.</summary>
    public int Count => items.Count;

    /// <summary>The properties in order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Items => items;

    /// <summary>Removes every property named <paramref name="key"/>.</summary>
    public QemuProps Remove(string key)
    {
        items.RemoveAll(kv => kv.Key == key);
        return this;
    }

    /// <summary>Adds a string property; null values are skipped.</summary>
    public QemuProps Str(string key, string? value)
    {
        if (value is not null)
        {
            items.Add(new(key, value));
        }

        return this;
    }

    /// <summary>Adds an integer property; null values are skipped.</summary>
    public QemuProps Num(string key, long? value)
    {
        if (value is { } v)
        {
            items.Add(new(key, v));
        }

        return this;
    }

    /// <summary>Adds an unsigned integer property; null values are skipped.</summary>
    public QemuProps UNum(string key, ulong? value)
    {
        if (value is { } v)
        {
            items.Add(new(key, v));
        }

        return this;
    }

    /// <summary>Adds a boolean property; null values are skipped.</summary>
    public QemuProps Bool(string key, bool? value)
    {
        if (value is { } v)
        {
            items.Add(new(key, v));
        }

        return this;
    }

    /// <summary>Adds an on/off text property as a boolean ("on" → true); null skipped.</summary>
    public QemuProps OnOff(string key, string? value) => value is null ? this : Bool(key, value is "on" or "yes");

    /// <summary>Adds an explicit JSON <c>null</c> (e.g. a block node's <c>"backing":null</c>).</summary>
    public QemuProps Null(string key)
    {
        items.Add(new(key, JsonNull.Value));
        return this;
    }

    /// <summary>Adds a nested object; null or empty objects are skipped.</summary>
    public QemuProps Obj(string key, QemuProps? value)
    {
        if (value is not null && value.Count > 0)
        {
            items.Add(new(key, value));
        }

        return this;
    }

    /// <summary>Adds an array of strings or numbers; null or empty arrays are skipped.</summary>
    public QemuProps Arr(string key, IReadOnlyList<object>? value)
    {
        if (value is { Count: > 0 })
        {
            items.Add(new(key, value));
        }

        return this;
    }

    /// <summary>Appends all properties of another bag.</summary>
    public QemuProps AddRange(QemuProps other)
    {
        items.AddRange(other.items);
        return this;
    }

    /// <summary>True if a property with this key exists.</summary>
    public bool Has(string key) => items.Exists(kv => kv.Key == key);

    /// <summary>Renders as compact JSON, keys in insertion order.</summary>
    public string ToJson()
    {
        var sb = TextBuilderCache.Acquire();
        WriteJson(sb, this);
        return TextBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>
    /// Renders as <c>key=value</c> pairs. When <paramref name="leadKey"/> is given, that
    /// property's value comes first without its key (e.g. the device driver name).
    /// </summary>
    public string ToKeyValue(string? leadKey = null)
    {
        var sb = TextBuilderCache.Acquire();
        var first = true;
        if (leadKey is not null)
        {
            foreach (var kv in items)
            {
                if (kv.Key == leadKey)
                {
                    AppendEscapedValue(sb, LeadValue(kv.Value is string s ? s : Scalar(kv.Value), leadKey));
                    first = false;
                    break;
                }
            }
        }

        WriteKeyValue(sb, this, prefix: "", leadKey, ref first);
        return TextBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>
    /// The value written without its key first (a device driver, an object or netdev type). QEMU
    /// reads that element as <c>name=value</c> when it holds a '=' before its first comma, as
    /// JSON when the argument starts with '{', and prints help and exits for "help" or "?"
    /// (util/qemu-option.c get_opt_name_value; softmmu/vl.c). A QOM type name never needs any of
    /// that, so only letters, digits and "-_.+" pass.
    /// </summary>
    private static string LeadValue(string value, string key)
    {
        if (value.Length == 0 || value is "help" || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+'))
        {
            throw Vireo.Domain.Errors.DomainConfigException.Unsupported($"'{OptionText.Printable(value)}' is not a QEMU {key} name");
        }

        return value;
    }

    /// <summary>Doubles commas so QEMU's option parser reads the text as one value.</summary>
    public static void AppendEscapedValue(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            sb.Append(c);
            if (c == ',')
            {
                sb.Append(',');
            }
        }
    }

    /// <summary>Returns the value with commas doubled.</summary>
    public static string EscapeValue(string value) => value.Contains(',', StringComparison.Ordinal) ? value.Replace(",", ",,", StringComparison.Ordinal) : value;

    private static void WriteKeyValue(StringBuilder sb, QemuProps props, string prefix, string? skipKey, ref bool first)
    {
        foreach (var kv in props.items)
        {
            if (prefix.Length == 0 && kv.Key == skipKey)
            {
                continue;
            }

            switch (kv.Value)
            {
                case QemuProps nested:
                    WriteKeyValue(sb, nested, prefix + kv.Key + ".", null, ref first);
                    break;
                case IReadOnlyList<object> list:
                    foreach (var item in list)
                    {
                        Sep(sb, ref first);
                        sb.Append(prefix).Append(kv.Key).Append('=');
                        AppendEscapedValue(sb, Scalar(item));
                    }

                    break;
                default:
                    Sep(sb, ref first);
                    sb.Append(prefix).Append(kv.Key).Append('=');
                    AppendEscapedValue(sb, Scalar(kv.Value));
                    break;
            }
        }
    }

    private static void Sep(StringBuilder sb, ref bool first)
    {
        if (!first)
        {
            sb.Append(',');
        }

        first = false;
    }

    private static string Scalar(object v) => v switch
    {
        string s => s,
        bool b => b ? "on" : "off",
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static void WriteJson(StringBuilder sb, QemuProps props)
    {
        sb.Append('{');
        var first = true;
        foreach (var kv in props.items)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            WriteJsonString(sb, kv.Key);
            sb.Append(':');
            WriteJsonValue(sb, kv.Value);
        }

        sb.Append('}');
    }

    private static void WriteJsonValue(StringBuilder sb, object v)
    {
        switch (v)
        {
            case string s:
                WriteJsonString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case QemuProps p:
                WriteJson(sb, p);
                break;
            case JsonNull:
                sb.Append("null");
                break;
            case IReadOnlyList<object> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteJsonValue(sb, list[i]);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(Scalar(v));
                break;
        }
    }

    /// <summary>Writes a JSON string literal with the escapes QEMU's parser accepts.</summary>
    public static void WriteJsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}

/// <summary>The JSON <c>null</c> value of a <see cref="QemuProps"/> entry.</summary>
internal sealed class JsonNull
{
    private JsonNull()
    {
    }

    /// <summary>The single instance.</summary>
    public static JsonNull Value { get; } = new();
}
