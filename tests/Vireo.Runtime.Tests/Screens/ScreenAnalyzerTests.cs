using Vireo.Runtime.Screens;

namespace Vireo.Runtime.Tests.Screens;

public class ScreenAnalyzerTests
{
    [Fact]
    public void One_colour_is_blank()
    {
        var image = Filled(800, 600, 0x102030);
        Assert.Equal(ScreenState.Blank, ScreenAnalyzer.Classify(image));
    }

    [Fact]
    public void QEMU_placeholder_is_recognised()
    {
        // As measured from QEMU 7.2: grey text in rows 226-238 of a black 640x480 frame.
        var image = Filled(640, 480, 0x000000);
        for (var x = 144; x <= 492; x += 3)
        {
            for (var y = 226; y <= 238; y += 2)
            {
                Set(image, x, y, 0xAAAAAA);
            }
        }

        Assert.Equal(ScreenState.Placeholder, ScreenAnalyzer.Classify(image));
        Assert.Equal(2, ScreenAnalyzer.ColourCount(image));
    }

    [Fact]
    public void Two_colours_outside_the_placeholder_row_are_a_picture()
    {
        // SeaBIOS's text banner: grey on black, but at the top of the screen.
        var image = Filled(640, 480, 0x000000);
        Set(image, 10, 5, 0xAAAAAA);
        Assert.Equal(ScreenState.Picture, ScreenAnalyzer.Classify(image));
    }

    [Fact]
    public void Another_colour_in_the_placeholder_row_is_a_picture()
    {
        var image = Filled(640, 480, 0x000000);
        Set(image, 300, 230, 0xFFFFFF);
        Assert.Equal(ScreenState.Picture, ScreenAnalyzer.Classify(image));
    }

    internal static RgbImage Filled(int w, int h, int rgb)
    {
        var image = new RgbImage(w, h, new byte[w * h * 3]);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                Set(image, x, y, rgb);
            }
        }

        return image;
    }

    internal static void Set(RgbImage image, int x, int y, int rgb)
    {
        var i = ((y * image.Width) + x) * 3;
        image.Pixels[i] = (byte)(rgb >> 16);
        image.Pixels[i + 1] = (byte)(rgb >> 8);
        image.Pixels[i + 2] = (byte)rgb;
    }
}
