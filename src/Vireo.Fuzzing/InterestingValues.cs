using System.Collections.Immutable;

namespace Vireo.Fuzzing;

/// <summary>
/// Values that often break parsers and range checks: empty, signs, 32- and 64-bit overflow,
/// bare hex prefixes, paths that climb, list separators, non-ASCII text, control characters
/// (never NUL), and long strings.
/// </summary>
public static class InterestingValues
{
    /// <summary>The fixed values.</summary>
    public static readonly ImmutableArray<string> Values =
    [
        "", " ", "-1", "0", "1", "-0", "+1", "00", "0.5", "1e3", "1e309", "NaN", "-2147483649",
        "2147483647", "2147483648", "4294967295", "4294967296", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
        "0x", "0x0", "0xffffffff", "0x100000000", "0xffffffffffffffff", "0x10000000000000000", "ffff",
        "65535", "65536", "255", "256", "1024", "0777",
        "../", "../../../../etc/passwd", "/", "//", "/dev/null", "a/b", ".", "..",
        ",", ",,", "a,b", "a,,b", "x=y,z", "=", ";", ":", "0-3,^2", "1-", "-", "^", "0:0", "0000:00:00.0",
        "00:11:22:33:44:55", "ff:ff:ff:ff:ff:ff", "0.0.0.0", "::1", "[::]", "256.1.1.1",
        "\u00e9t\u00e9", "\u4e2d\u6587", "\U0001F600", "\u202e", "\uFEFF", "\u00a0",
        "\t", "\r\n", "\u0001", "\u001b[0m", "\u001f", "\u007f", "\u0085", "\u2028",
        "'", "\"", "<", ">", "&", "&amp;", "]]>", "%s%n", "${HOME}", "$(id)", "`id`", "\\", "\\\\",
        "on", "off", "yes", "no", "true", "false", "auto", "none", "default", "unlimited",
        "1G", "1 GiB", "KiB", "b", "EiB", "1T",
    ];

    /// <summary>Lengths of generated long strings.</summary>
    public static readonly ImmutableArray<int> LongLengths = [64, 255, 256, 4096, 65536];

    /// <summary>A fixed value or a long string (letters, digits or commas), chosen by <paramref name="rng"/>.</summary>
    public static string Pick(FuzzRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!rng.Chance(8))
        {
            return rng.Pick(Values);
        }

        var length = rng.Pick(LongLengths);
        return rng.Next(4) switch
        {
            0 => new string('A', length),
            1 => new string('9', length),
            2 => string.Concat(Enumerable.Repeat("a,", length / 2)),
            _ => string.Concat(Enumerable.Repeat("\u00e9", length)),
        };
    }
}
