using System.Globalization;

namespace Vireo.Runtime.Screens;

/// <summary>
/// Reads binary PPM (<c>P6</c>, maxval 255) — what QEMU's <c>screendump</c> writes —
/// with bounds: dimensions up to 16384 and pixel data that must be complete.
/// </summary>
public static class PpmReader
{
    /// <summary>Largest width or height accepted.</summary>
    public const int MaxDimension = 16384;

    /// <summary>Parses a PPM image.</summary>
    /// <exception cref="FormatException">Not a complete P6/255 image.</exception>
    public static RgbImage Read(ReadOnlySpan<byte> data)
    {
        var pos = 0;
        if (data.Length < 2 || data[0] != 'P' || data[1] != '6')
        {
            throw new FormatException("not a binary PPM image (no 'P6' signature)");
        }

        pos = 2;
        var width = Number(data, ref pos, "width");
        var height = Number(data, ref pos, "height");
        var max = Number(data, ref pos, "maxval");
        if (width is < 1 or > MaxDimension || height is < 1 or > MaxDimension)
        {
            throw new FormatException($"PPM size {width}x{height} is out of range");
        }

        if (max != 255)
        {
            throw new FormatException($"PPM maxval {max} is not supported (only 255)");
        }

        // Exactly one whitespace byte separates the header from the pixels.
        if (pos >= data.Length || !IsSpace(data[pos]))
        {
            throw new FormatException("PPM header does not end with whitespace");
        }

        pos++;
        var size = width * height * 3;
        if (data.Length - pos < size)
        {
            throw new FormatException($"PPM pixel data is truncated: {data.Length - pos} of {size} bytes");
        }

        return new RgbImage(width, height, data.Slice(pos, size).ToArray());
    }

    private static int Number(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        while (pos < data.Length)
        {
            if (IsSpace(data[pos]))
            {
                pos++;
            }
            else if (data[pos] == '#')
            {
                while (pos < data.Length && data[pos] != '\n')
                {
                    pos++;
                }
            }
            else
            {
                break;
            }
        }

        var start = pos;
        while (pos < data.Length && data[pos] >= '0' && data[pos] <= '9' && pos - start < 9)
        {
            pos++;
        }

        if (pos == start)
        {
            throw new FormatException($"PPM header: missing {what}");
        }

        return int.Parse(System.Text.Encoding.ASCII.GetString(data[start..pos]), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0b or 0x0c;
}
