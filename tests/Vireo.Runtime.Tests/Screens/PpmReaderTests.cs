using System.Text;
using Vireo.Runtime.Screens;

namespace Vireo.Runtime.Tests.Screens;

public class PpmReaderTests
{
    [Fact]
    public void Reads_what_QEMU_writes()
    {
        var data = Encoding.ASCII.GetBytes("P6\n2 1\n255\n").Concat(new byte[] { 1, 2, 3, 4, 5, 6 }).ToArray();
        var image = PpmReader.Read(data);
        Assert.Equal(2, image.Width);
        Assert.Equal(1, image.Height);
        Assert.Equal(0x010203, image[0, 0]);
        Assert.Equal(0x040506, image[1, 0]);
    }

    [Fact]
    public void Accepts_comments_in_the_header()
    {
        var data = Encoding.ASCII.GetBytes("P6 # made by hand\n1 # w\n1\n255 ").Concat(new byte[] { 9, 9, 9 }).ToArray();
        Assert.Equal(0x090909, PpmReader.Read(data)[0, 0]);
    }

    [Theory]
    [InlineData("P3\n1 1\n255\n")]
    [InlineData("P6\n1 1\n65535\n")]
    [InlineData("P6\n0 1\n255\n")]
    [InlineData("P6\n99999 1\n255\n")]
    [InlineData("P6\n2 2\n255\n\u0001\u0002")]
    [InlineData("P6\n")]
    public void Refuses_other_or_broken_images(string text) =>
        Assert.Throws<FormatException>(() => PpmReader.Read(Encoding.Latin1.GetBytes(text)));
}
