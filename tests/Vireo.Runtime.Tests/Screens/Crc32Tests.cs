using Vireo.Runtime.Screens;

namespace Vireo.Runtime.Tests.Screens;

public class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Known_values(string text, uint expected) =>
        Assert.Equal(expected, Crc32.Compute(System.Text.Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Appending_in_pieces_equals_one_pass()
    {
        var data = new byte[1000];
        new Random(7).NextBytes(data);
        var crc = new Crc32();
        crc.Append(data.AsSpan(0, 333));
        crc.Append(data.AsSpan(333));
        Assert.Equal(Crc32.Compute(data), crc.Value);
    }

    [Fact]
    public void Png_IEND_chunk_crc() =>
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
}
