using XraySynth.Evaluate.Features;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Normalized cross-correlation of two equal-size images, <c>Σ (a − ā)(b − b̄) / √(Σ (a − ā)² Σ (b − b̄)²)</c>, in [−1, 1]:
/// 1 for an exact copy, also after a change of brightness or contrast. A flat image (zero variance) correlates 0 with
/// everything. <see cref="UnitVectors"/> turns images into centred unit vectors whose dot products are these NCCs, so
/// the most-correlated training image is the Euclidean nearest neighbour (‖u − v‖² = 2 − 2 NCC).
/// </summary>
public static class NormalizedCrossCorrelation
{
    /// <summary>NCC of <paramref name="a"/> and <paramref name="b"/> (same length).</summary>
    public static double Compute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"images differ in size: {a.Length} and {b.Length} pixels");
        double meanA = 0, meanB = 0;
        for (int i = 0; i < a.Length; i++) { meanA += a[i]; meanB += b[i]; }
        meanA /= a.Length; meanB /= b.Length;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i] - meanA, y = b[i] - meanB;
            ab += x * y; aa += x * x; bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    /// <summary>Each image (<paramref name="pixelsPerImage"/> bytes, back to back) as a centred unit vector; flat images become 0.</summary>
    public static FeatureMatrix UnitVectors(ReadOnlySpan<byte> images, int pixelsPerImage)
    {
        if (pixelsPerImage < 1 || images.Length % pixelsPerImage != 0)
            throw new ArgumentException($"{images.Length} bytes are not whole images of {pixelsPerImage} pixels", nameof(images));
        int n = images.Length / pixelsPerImage;
        var values = new float[images.Length];
        for (int i = 0; i < n; i++)
        {
            var image = images.Slice(i * pixelsPerImage, pixelsPerImage);
            double mean = 0;
            foreach (byte p in image) mean += p;
            mean /= pixelsPerImage;
            double norm = 0;
            foreach (byte p in image) norm += (p - mean) * (p - mean);
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;
            for (int j = 0; j < pixelsPerImage; j++) values[i * pixelsPerImage + j] = (float)((image[j] - mean) / norm);
        }
        return new FeatureMatrix(values, n, pixelsPerImage);
    }

    /// <summary>NCC from the Euclidean distance of two <see cref="UnitVectors"/> rows: 1 − d² / 2.</summary>
    public static double FromUnitDistance(double distance) => 1 - distance * distance / 2;
}
