using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Small readers and formatters the validation rules share.</summary>
internal static class RuleSupport
{
    /// <summary>
    /// True when the platform's capability snapshot says anything at all. An emulator the host
    /// could not describe has an empty snapshot; capability rules stay silent for it.
    /// </summary>
    public static bool KnowsCaps(PlatformContext p) =>
        p.Caps.Version > 0 || p.Caps.Flags.Count > 0 || !p.Caps.Machines.IsDefaultOrEmpty;

    /// <summary>An "XML error" refusal.</summary>
    public static DomainConfigException Xml(string detail) => DomainConfigException.Xml(detail);

    /// <summary>An "unsupported configuration" refusal.</summary>
    public static DomainConfigException Unsupported(string detail) => DomainConfigException.Unsupported(detail);

    /// <summary>An "internal error" refusal.</summary>
    public static DomainConfigException Internal(string detail) => DomainConfigException.Internal(detail);

    /// <summary>An "invalid argument" refusal.</summary>
    public static DomainConfigException InvalidArgument(string detail) => new(ErrorKind.InvalidArgument, detail);

    /// <summary>Attribute text, or null.</summary>
    public static string? Attr(XElement? e, string name) => (string?)e?.Attribute(name);

    /// <summary>Parses an unsigned number the way libvirt's strtoul base 0 does (decimal or 0x-hex).</summary>
    public static bool TryUnsigned(string? text, out ulong value)
    {
        value = 0;
        if (text is null)
        {
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith('+'))
        {
            s = s[1..];
        }

        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a signed decimal number (leading blanks and sign allowed).</summary>
    public static bool TrySigned(string? text, out long value)
    {
        value = 0;
        return text is not null && long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Scales a number with a libvirt unit suffix (b, KiB, K, KB, MiB, M, MB...) to bytes;
    /// <paramref name="defaultScale"/> applies when no unit is given. Null when unreadable.
    /// </summary>
    public static ulong? ScaledBytes(string? text, string? unit, ulong defaultScale)
    {
        if (!TryUnsigned(text, out var value))
        {
            return null;
        }

        ulong scale;
        if (string.IsNullOrEmpty(unit))
        {
            scale = defaultScale;
        }
        else if (unit is "b" or "B" or "byte" or "bytes")
        {
            scale = 1;
        }
        else
        {
            var power = char.ToLowerInvariant(unit[0]) switch
            {
                'k' => 1,
                'm' => 2,
                'g' => 3,
                't' => 4,
                'p' => 5,
                'e' => 6,
                _ => 0,
            };
            var rest = unit[1..];
            ulong baseUnit = rest.Length == 0 || rest.Equals("ib", StringComparison.OrdinalIgnoreCase) ? 1024UL
                : rest.Equals("b", StringComparison.OrdinalIgnoreCase) ? 1000UL
                : 0UL;
            if (power == 0 || baseUnit == 0)
            {
                return null;
            }

            scale = 1;
            for (var i = 0; i < power; i++)
            {
                scale *= baseUnit;
            }
        }

        try
        {
            return checked(value * scale);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Parses a libvirt CPU/node list ("0-3,^2,5"): the selected numbers, or null when the
    /// text is not a valid list.
    /// </summary>
    public static SortedSet<int>? ParseBitmap(string? text) =>
        NodeSet.TryParse(text) is { } set ? new SortedSet<int>(set) : null;

    /// <summary>A PCI address as libvirt prints it in messages: <c>0000:01:00.0</c>.</summary>
    public static string FormatPci(PciAddress a) =>
        string.Format(CultureInfo.InvariantCulture, "{0:x4}:{1:x2}:{2:x2}.{3}", a.Domain, a.Bus, a.Slot, a.Function);

    /// <summary>The guest NUMA cells (<c>&lt;cpu&gt;&lt;numa&gt;&lt;cell&gt;</c>), in document order.</summary>
    public static IReadOnlyList<XElement> NumaCells(DomainDefinition def) =>
        def.Cpu?.Numa is { } numa ? [.. numa.Elements("cell")] : [];

    /// <summary>Whether a feature element is present and not switched off.</summary>
    public static bool FeatureOn(DomainDefinition def, string name)
    {
        var f = def.Feature(name);
        if (f is null)
        {
            return false;
        }

        var state = Attr(f, "state");
        return state is null or "on";
    }

    /// <summary>The first element named <paramref name="name"/> among the unmodelled top-level children.</summary>
    public static XElement? Top(DomainDefinition def, string name) => def.Extra(name);

    /// <summary>Number text in invariant culture.</summary>
    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Number text in invariant culture.</summary>
    public static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
