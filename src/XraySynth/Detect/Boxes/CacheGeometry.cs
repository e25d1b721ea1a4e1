namespace XraySynth.Detect.Boxes;

/// <summary>
/// Box coordinates between an image file and its prepared-cache square (see <c>CachePreparer.ToCached</c>): a
/// non-square image is centred on a black square of its longer side (integer offsets, as the preparer does), then
/// resized to <c>size × size</c>.
/// </summary>
public static class CacheGeometry
{
    /// <summary>A box in the pixels of a <paramref name="width"/> × <paramref name="height"/> file, in the cached square's pixels.</summary>
    public static Box ToCache(Box box, int width, int height, int size)
    {
        var (left, top, scale) = Mapping(width, height, size);
        return box.Translate(left, top).Scale(scale, scale);
    }

    /// <summary>The inverse of <see cref="ToCache"/>: a box in cache pixels, in the file's pixels (clipped to the file).</summary>
    public static Box FromCache(Box box, int width, int height, int size)
    {
        var (left, top, scale) = Mapping(width, height, size);
        return box.Scale(1 / scale, 1 / scale).Translate(-left, -top).Clip(width, height);
    }

    static (int Left, int Top, double Scale) Mapping(int width, int height, int size)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"image size {width}x{height}: expected positive sides (is width/height set in manifest.csv?)");
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "cache size must be positive");
        int side = Math.Max(width, height);
        return ((side - width) / 2, (side - height) / 2, (double)size / side);
    }
}
