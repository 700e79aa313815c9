namespace Vireo.Runtime.Screens;

/// <summary>Tells a guest's picture from an empty screen and from QEMU's placeholder.</summary>
public static class ScreenAnalyzer
{
    // QEMU draws its placeholder (ui/console.c qemu_create_placeholder_surface) in VGA
    // colours: grey 0xAAAAAA text on black, one 16-pixel text row at row (height/16)/2 - 1.
    private const int PlaceholderBackground = 0x000000;
    private const int PlaceholderText = 0xAAAAAA;
    private const int FontHeight = 16;

    /// <summary>Blank, placeholder or picture.</summary>
    public static ScreenState Classify(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var first = image[0, 0];
        var blank = true;
        var placeholder = image.Height >= FontHeight * 2;
        var textTop = ((image.Height / FontHeight / 2) - 1) * FontHeight;
        var textBottom = textTop + FontHeight;
        for (var y = 0; y < image.Height && (blank || placeholder); y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var c = image[x, y];
                if (c != first)
                {
                    blank = false;
                }

                if (placeholder && c != PlaceholderBackground && (c != PlaceholderText || y < textTop || y >= textBottom))
                {
                    placeholder = false;
                }

                if (!blank && !placeholder)
                {
                    break;
                }
            }
        }

        return blank ? ScreenState.Blank : placeholder ? ScreenState.Placeholder : ScreenState.Picture;
    }

    /// <summary>The number of distinct colours (for reports).</summary>
    public static int ColourCount(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var seen = new HashSet<int>();
        for (var i = 0; i < image.Pixels.Length; i += 3)
        {
            seen.Add((image.Pixels[i] << 16) | (image.Pixels[i + 1] << 8) | image.Pixels[i + 2]);
        }

        return seen.Count;
    }
}
