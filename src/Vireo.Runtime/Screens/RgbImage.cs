namespace Vireo.Runtime.Screens;

/// <summary>An 8-bit RGB image, rows top to bottom, 3 bytes per pixel.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.LongLength != (long)width * height * 3)
        {
            throw new ArgumentException($"expected {(long)width * height * 3} bytes for {width}x{height} RGB, got {pixels.LongLength}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The pixel bytes: R, G, B per pixel, row after row.</summary>
    public byte[] Pixels { get; }

    /// <summary>One pixel as 0xRRGGBB.</summary>
    public int this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * 3;
            return (Pixels[i] << 16) | (Pixels[i + 1] << 8) | Pixels[i + 2];
        }
    }
}
