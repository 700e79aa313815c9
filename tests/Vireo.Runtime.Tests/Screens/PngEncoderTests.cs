using Vireo.Runtime.Screens;

namespace Vireo.Runtime.Tests.Screens;

public class PngEncoderTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(640, 480)]
    public void Random_pixels_round_trip(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        new Random(width * height).NextBytes(pixels);
        var image = new RgbImage(width, height, pixels);

        var decoded = PngDecoder.Decode(PngEncoder.Encode(image));

        Assert.Equal(width, decoded.Width);
        Assert.Equal(height, decoded.Height);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void Gradients_use_every_filter_and_round_trip()
    {
        // Rows that favour Sub, Up, Average and Paeth in turn.
        const int w = 64, h = 64;
        var pixels = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = ((y * w) + x) * 3;
                pixels[i] = (byte)(x * 4);
                pixels[i + 1] = (byte)(y * 4);
                pixels[i + 2] = (byte)((x + y) * 2);
            }
        }

        var png = PngEncoder.Encode(new RgbImage(w, h, pixels));
        Assert.Equal(pixels, PngDecoder.Decode(png).Pixels);
    }

    [Fact]
    public void A_flat_screen_compresses_small()
    {
        var pixels = new byte[1280 * 800 * 3];
        var png = PngEncoder.Encode(new RgbImage(1280, 800, pixels));
        Assert.True(png.Length < 8 * 1024, $"{png.Length} bytes");
    }

    [Fact]
    public void SavePng_is_atomic_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("vrt-png-").FullName;
        try
        {
            var path = Path.Combine(dir, "out.png");
            File.WriteAllText(path, "old");
            ScreenCapture.SavePng(new RgbImage(2, 2, new byte[12]), path);
            Assert.Equal("out.png", Path.GetFileName(Assert.Single(Directory.GetFiles(dir))));
            Assert.Equal(2, PngDecoder.Decode(File.ReadAllBytes(path)).Width);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
