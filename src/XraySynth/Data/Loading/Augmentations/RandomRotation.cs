namespace XraySynth.Data.Loading.Augmentations;

/// <summary>
/// Rotates about the center by an angle uniform in <c>[-MaxDegrees, MaxDegrees]</c>, bilinear; corners that
/// fall outside the source take the nearest edge pixel (no black wedges for a generator to learn).
/// </summary>
public sealed class RandomRotation : IAugmentation
{
    /// <summary>Largest rotation in degrees, either way.</summary>
    public double MaxDegrees { get; }

    /// <summary>A rotation of at most <paramref name="maxDegrees"/> (radiographs: a few degrees).</summary>
    public RandomRotation(double maxDegrees = 5)
    {
        if (!(maxDegrees >= 0 && maxDegrees <= 180)) throw new ArgumentOutOfRangeException(nameof(maxDegrees), $"{maxDegrees}: expected 0 to 180 degrees");
        MaxDegrees = maxDegrees;
    }

    /// <inheritdoc />
    public void Apply(Span<byte> pixels, int size, Random random)
    {
        double degrees = (random.NextDouble() * 2 - 1) * MaxDegrees;
        if (degrees == 0) return;
        byte[] source = pixels.ToArray();
        float cos = (float)Math.Cos(degrees * Math.PI / 180), sin = (float)Math.Sin(degrees * Math.PI / 180);
        float center = (size - 1) / 2f;
        for (int v = 0; v < size; v++)
        {
            float dy = v - center;
            for (int u = 0; u < size; u++)
            {
                float dx = u - center;
                // Inverse mapping: the source point that lands on (u, v).
                float x = center + cos * dx + sin * dy;
                float y = center - sin * dx + cos * dy;
                pixels[v * size + u] = Bilinear.ToByte(Bilinear.Sample(source, size, x, y));
            }
        }
    }
}
