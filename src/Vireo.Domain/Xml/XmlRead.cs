using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Errors;

namespace Vireo.Domain.Xml;

/// <summary>Small typed readers over <see cref="XElement"/> that fail with a located <see cref="DomainXmlException"/>.</summary>
internal static class XmlRead
{
    public static string? Attr(XElement e, string name) => (string?)e.Attribute(name);

    public static string RequireAttr(XElement e, string name) =>
        Attr(e, name) ?? throw Error(e, $"missing required attribute '{name}' in element '{e.Name.LocalName}'");

    public static DomainXmlException Error(XElement e, string detail) =>
        new(detail, SecureXml.PathOf(e), SecureXml.LineOf(e));

    /// <summary>Parses an integer attribute; accepts decimal and 0x-hex like libvirt's strtol base 0.</summary>
    public static int? Int(XElement e, string name)
    {
        var s = Attr(e, name);
        if (s is null)
        {
            return null;
        }

        if (TryParseLong(s, out var v) && v >= int.MinValue && v <= int.MaxValue)
        {
            return (int)v;
        }

        throw Error(e, $"invalid value '{s}' for attribute '{name}' of element '{e.Name.LocalName}': expected an integer");
    }

    public static ulong? ULong(XElement e, string name)
    {
        var s = Attr(e, name);
        if (s is null)
        {
            return null;
        }

        if (TryParseULong(s, out var v))
        {
            return v;
        }

        throw Error(e, $"invalid value '{s}' for attribute '{name}' of element '{e.Name.LocalName}': expected a non-negative integer");
    }

    /// <summary>
    /// A decimal attribute from 0 to <see cref="uint.MaxValue"/>, read the way libvirt reads
    /// video sizes and heads (base 10 into an unsigned int): no sign, no hex.
    /// </summary>
    public static uint? DecimalUInt32(XElement e, string name)
    {
        var s = Attr(e, name);
        if (s is null)
        {
            return null;
        }

        if (uint.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        throw Error(e, $"invalid value '{s}' for attribute '{name}' of element '{e.Name.LocalName}': expected a decimal integer from 0 to {uint.MaxValue}");
    }

    /// <summary>A decimal attribute from 0 to <see cref="ulong.MaxValue"/> (libvirt's base-10 unsigned long long).</summary>
    public static ulong? DecimalULong(XElement e, string name)
    {
        var s = Attr(e, name);
        if (s is null)
        {
            return null;
        }

        if (ulong.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        throw Error(e, $"invalid value '{s}' for attribute '{name}' of element '{e.Name.LocalName}': expected a decimal integer from 0 to {ulong.MaxValue}");
    }

    /// <summary>A non-negative integer attribute (ports, heads, sizes).</summary>
    public static int? UInt(XElement e, string name)
    {
        var v = Int(e, name);
        if (v is < 0)
        {
            throw Error(e, $"invalid value '{v}' for attribute '{name}' of element '{e.Name.LocalName}': must not be negative");
        }

        return v;
    }

    /// <summary>True for a non-empty run of ASCII digits: a number that failed to parse only by its size.</summary>
    private static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    public static bool TryParseLong(string s, out long value)
    {
        s = s.Trim();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseULong(string s, out ulong value)
    {
        s = s.Trim();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Checks an attribute against the allowed values; null when absent.</summary>
    public static string? Enum(XElement e, string name, ReadOnlySpan<string> allowed)
    {
        var s = Attr(e, name);
        if (s is null)
        {
            return null;
        }

        foreach (var a in allowed)
        {
            if (a == s)
            {
                return s;
            }
        }

        throw Error(e, $"unknown value '{s}' for attribute '{name}' of element '{e.Name.LocalName}' (expected one of: {string.Join(", ", allowed.ToArray())})");
    }

    /// <summary>yes/no attribute as bool? .</summary>
    public static bool? YesNo(XElement e, string name)
    {
        var s = Enum(e, name, ["yes", "no"]);
        return s is null ? null : s == "yes";
    }

    /// <summary>on/off attribute kept as text.</summary>
    public static string? OnOff(XElement e, string name) => Enum(e, name, ["on", "off"]);

    /// <summary>Scales a value with a libvirt unit suffix to KiB, rounding up.</summary>
    public static ulong ScaledKiB(XElement e, string text, string? unit, string defaultUnit)
    {
        if (!TryParseULong(text.Trim(), out var value))
        {
            throw Error(e, IsDigits(text.Trim())
                ? $"value '{text.Trim()}' for element '{e.Name.LocalName}' is out of range (largest is {ulong.MaxValue})"
                : $"invalid value '{text.Trim()}' for element '{e.Name.LocalName}': expected a non-negative integer");
        }

        ulong factor = CanonicalUnit(unit ?? defaultUnit) switch
        {
            "b" or "byte" or "bytes" => 1,
            "KB" => 1000,
            "k" or "K" or "KiB" => 1024,
            "MB" => 1000UL * 1000,
            "m" or "M" or "MiB" => 1024UL * 1024,
            "GB" => 1000UL * 1000 * 1000,
            "g" or "G" or "GiB" => 1024UL * 1024 * 1024,
            "TB" => 1000UL * 1000 * 1000 * 1000,
            "t" or "T" or "TiB" => 1024UL * 1024 * 1024 * 1024,
            "PB" => 1000UL * 1000 * 1000 * 1000 * 1000,
            "p" or "P" or "PiB" => 1024UL * 1024 * 1024 * 1024 * 1024,
            "EB" => 1000UL * 1000 * 1000 * 1000 * 1000 * 1000,
            "e" or "E" or "EiB" => 1024UL * 1024 * 1024 * 1024 * 1024 * 1024,
            var u => throw Error(e, $"unknown unit '{u}' for element '{e.Name.LocalName}'"),
        };

        ulong bytes;
        try
        {
            bytes = checked(value * factor);
        }
        catch (OverflowException)
        {
            throw Error(e, $"value '{text.Trim()}' {unit ?? defaultUnit} for element '{e.Name.LocalName}' is too large");
        }

        var kib = (bytes / 1024) + (bytes % 1024 == 0 ? 0UL : 1UL);

        // libvirt caps memory sizes at what fits a signed 64-bit byte count.
        if (kib > (ulong)long.MaxValue / 1024)
        {
            throw Error(e, $"value '{text.Trim()}' {unit ?? defaultUnit} for element '{e.Name.LocalName}' is too large");
        }

        return kib;
    }

    /// <summary>
    /// A unit suffix in the spelling the scale table uses: libvirt reads units without regard
    /// to case ("mib", "KB", "g"), the first letter giving the power and "b" alone meaning
    /// decimal (virScaleInteger).
    /// </summary>
    private static string CanonicalUnit(string unit)
    {
        var lower = unit.ToLowerInvariant();
        if (lower is "b" or "byte" or "bytes")
        {
            return "b";
        }

        if (lower.Length == 0 || "kmgtpe".IndexOf(lower[0], StringComparison.Ordinal) < 0)
        {
            return unit;
        }

        var power = char.ToUpperInvariant(lower[0]).ToString();
        return lower[1..] switch
        {
            "" or "ib" => power + "iB",
            "b" => power + "B",
            _ => unit,
        };
    }

    /// <summary>Attributes of an element as an ordered list (names local).</summary>
    public static ImmutableArray<KeyValuePair<string, string>> Attributes(XElement e, params string[] except)
    {
        var b = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        foreach (var a in e.Attributes())
        {
            if (a.IsNamespaceDeclaration || Array.IndexOf(except, a.Name.LocalName) >= 0)
            {
                continue;
            }

            b.Add(new(a.Name.LocalName, a.Value));
        }

        return b.ToImmutable();
    }

    /// <summary>Children whose names are not in <paramref name="known"/>, detached copies.</summary>
    public static ImmutableArray<XElement> Others(XElement e, params string[] known)
    {
        var b = ImmutableArray.CreateBuilder<XElement>();
        foreach (var c in e.Elements())
        {
            if (Array.IndexOf(known, c.Name.LocalName) < 0)
            {
                b.Add(Clean(c));
            }
        }

        return b.ToImmutable();
    }

    /// <summary>A detached copy of an element with insignificant whitespace removed.</summary>
    public static XElement Clean(XElement e)
    {
        var copy = new XElement(e.Name, e.Attributes());
        var hasElements = e.HasElements;
        foreach (var n in e.Nodes())
        {
            switch (n)
            {
                case XElement ce:
                    copy.Add(Clean(ce));
                    break;
                case XText t when !hasElements || !string.IsNullOrWhiteSpace(t.Value):
                    copy.Add(new XText(t.Value));
                    break;
            }
        }

        return copy;
    }

    /// <summary>Text of an element, trimmed; null when absent.</summary>
    public static string? Text(XElement? e) => e is null ? null : e.Value.Trim();
}
