namespace Vireo.Runtime.Screens;

/// <summary>
/// CRC-32 as PNG (and zlib's <c>crc32</c>, ISO-HDLC) defines it: reflected polynomial
/// 0xEDB88320, initial value and final XOR 0xFFFFFFFF; table-driven, one byte at a time.
/// </summary>
public sealed class Crc32
{
    private static readonly uint[] Table = BuildTable();

    private uint _state = 0xFFFFFFFFu;

    /// <summary>The CRC of the bytes appended so far.</summary>
    public uint Value => _state ^ 0xFFFFFFFFu;

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Append(data);
        return crc.Value;
    }

    /// <summary>Feeds more bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var c = _state;
        foreach (var b in data)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        _state = c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
