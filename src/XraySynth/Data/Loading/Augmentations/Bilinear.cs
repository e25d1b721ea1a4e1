namespace XraySynth.Data.Loading.Augmentations;

/// <summary>Bilinear sampling of a square uint8 image at fractional pixel coordinates, clamped to the edges.</summary>
public static class Bilinear
{
    /// <summary>The value at (<paramref name="x"/>, <paramref name="y"/>), pixel centers at integers; outside coordinates take the nearest edge.</summary>
    public static float Sample(ReadOnlySpan<byte> pixels, int size, float x, float y)
    {
        x = Math.Clamp(x, 0, size - 1);
        y = Math.Clamp(y, 0, size - 1);
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, size - 1), y1 = Math.Min(y0 + 1, size - 1);
        float fx = x - x0, fy = y - y0;
        float top = pixels[y0 * size + x0] + fx * (pixels[y0 * size + x1] - pixels[y0 * size + x0]);
        float bottom = pixels[y1 * size + x0] + fx * (pixels[y1 * size + x1] - pixels[y1 * size + x0]);
        return top + fy * (bottom - top);
    }

    /// <summary>A float rounded and clamped to a byte.</summary>
    public static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0, 255);
}
