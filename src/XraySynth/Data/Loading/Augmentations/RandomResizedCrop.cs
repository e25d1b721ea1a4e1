namespace XraySynth.Data.Loading.Augmentations;

/// <summary>
/// Crops a random rectangle covering a fraction of the image's area in <c>[ScaleMin, ScaleMax]</c> with an
/// aspect ratio (width/height) log-uniform in <c>[RatioMin, RatioMax]</c>, and resamples it bilinearly to the
/// full size (torchvision's RandomResizedCrop; after 10 rectangles that do not fit, the whole image).
/// </summary>
public sealed class RandomResizedCrop : IAugmentation
{
    /// <summary>Smallest fraction of the area kept.</summary>
    public double ScaleMin { get; }
    /// <summary>Largest fraction of the area kept.</summary>
    public double ScaleMax { get; }
    /// <summary>Smallest aspect ratio (width/height) of the crop.</summary>
    public double RatioMin { get; }
    /// <summary>Largest aspect ratio of the crop.</summary>
    public double RatioMax { get; }

    /// <summary>A crop with the given area and aspect ranges (for radiographs e.g. scale 0.8–1, ratio 0.9–1.1).</summary>
    public RandomResizedCrop(double scaleMin = 0.8, double scaleMax = 1.0, double ratioMin = 0.9, double ratioMax = 1.1)
    {
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) throw new ArgumentOutOfRangeException(nameof(scaleMin), $"scale {scaleMin}..{scaleMax}: expected 0 < min <= max <= 1");
        if (!(ratioMin > 0 && ratioMin <= ratioMax)) throw new ArgumentOutOfRangeException(nameof(ratioMin), $"ratio {ratioMin}..{ratioMax}: expected 0 < min <= max");
        ScaleMin = scaleMin; ScaleMax = scaleMax; RatioMin = ratioMin; RatioMax = ratioMax;
    }

    /// <inheritdoc />
    public void Apply(Span<byte> pixels, int size, Random random)
    {
        var (left, top, width, height) = ChooseRectangle(size, random);
        byte[] source = pixels.ToArray();
        float stepX = (float)(width / size), stepY = (float)(height / size);
        for (int v = 0; v < size; v++)
        {
            float y = (float)top + (v + 0.5f) * stepY - 0.5f;
            for (int u = 0; u < size; u++)
                pixels[v * size + u] = Bilinear.ToByte(Bilinear.Sample(source, size, (float)left + (u + 0.5f) * stepX - 0.5f, y));
        }
    }

    /// <summary>The crop rectangle in pixels (left, top, width, height), drawn from <paramref name="random"/>.</summary>
    public (double Left, double Top, double Width, double Height) ChooseRectangle(int size, Random random)
    {
        double area = (double)size * size;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * (ScaleMin + random.NextDouble() * (ScaleMax - ScaleMin));
            double ratio = Math.Exp(Math.Log(RatioMin) + random.NextDouble() * (Math.Log(RatioMax) - Math.Log(RatioMin)));
            double width = Math.Sqrt(target * ratio), height = Math.Sqrt(target / ratio);
            if (width > size || height > size) continue;
            return (random.NextDouble() * (size - width), random.NextDouble() * (size - height), width, height);
        }
        return (0, 0, size, size);
    }
}
