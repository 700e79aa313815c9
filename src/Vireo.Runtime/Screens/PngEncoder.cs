using System.Buffers.Binary;
using System.IO.Compression;

namespace Vireo.Runtime.Screens;

/// <summary>
/// Writes an <see cref="RgbImage"/> as PNG: truecolour, 8 bits per channel, no interlace;
/// each row gets the filter (None, Sub, Up, Average, Paeth) with the smallest sum of
/// absolute values, the rows go through zlib (<see cref="ZLibStream"/>) into one IDAT, and
/// every chunk carries its CRC-32.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG file's bytes.</summary>
    public static byte[] Encode(RgbImage image, CompressionLevel level = CompressionLevel.Optimal)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: truecolour
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR"u8, header);
        WriteChunk(output, "IDAT"u8, Compress(image, level));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static byte[] Compress(RgbImage image, CompressionLevel level)
    {
        var stride = image.Width * 3;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            var previous = new byte[stride];
            var candidates = new byte[5][];
            for (var f = 0; f < 5; f++)
            {
                candidates[f] = new byte[stride + 1];
            }

            for (var y = 0; y < image.Height; y++)
            {
                var row = image.Pixels.AsSpan(y * stride, stride);
                var best = 0;
                var bestCost = long.MaxValue;
                for (var f = 0; f < 5; f++)
                {
                    var cost = Filter(f, row, previous, candidates[f]);
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        best = f;
                    }
                }

                zlib.Write(candidates[best]);
                row.CopyTo(previous);
            }
        }

        return compressed.ToArray();
    }

    // Filters one row into 'into' (filter-type byte first) and returns the sum of the
    // filtered bytes taken as signed values: the usual heuristic for picking a filter.
    private static long Filter(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> up, Span<byte> into)
    {
        const int bpp = 3;
        into[0] = (byte)type;
        long cost = 0;
        for (var i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0;
            int b = up[i];
            int c = i >= bpp ? up[i - bpp] : 0;
            var predictor = type switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                _ => Paeth(a, b, c),
            };
            var value = (byte)(row[i] - predictor);
            into[i + 1] = value;
            cost += value < 128 ? value : 256 - value;
        }

        return cost;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.Value);
        output.Write(word);
    }
}
