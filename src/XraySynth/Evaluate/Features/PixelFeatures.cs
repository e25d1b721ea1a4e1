using XraySynth.Common;
using XraySynth.Data.Cache;

namespace XraySynth.Evaluate.Features;

/// <summary>
/// Raw pixels as features: each image area-resized to <see cref="ImageSize"/>² (via the prepared cache) and scaled to [0, 1].
/// A sanity baseline that needs no model: it sees brightness, layout and blur, not anatomy.
/// </summary>
public sealed class PixelFeatures : IFeatureExtractor
{
    /// <summary>Default side: 32 × 32 = 1,024 features.</summary>
    public const int DefaultSize = 32;

    /// <summary>Pixel features at <paramref name="size"/> × <paramref name="size"/>.</summary>
    public PixelFeatures(int size = DefaultSize)
    {
        if (size is < 4 or > 256) throw new UserError($"pixel features: size {size} is out of range: expected 4 to 256");
        ImageSize = size;
    }

    /// <inheritdoc />
    public string Name => $"pixels-{ImageSize}";
    /// <inheritdoc />
    public int ImageSize { get; }

    /// <inheritdoc />
    public FeatureMatrix Extract(PreparedCache cache, IReadOnlyList<int> rows, IReporter reporter)
    {
        if (cache.Size != ImageSize) throw new ArgumentException($"cache is {cache.Size} px, features need {ImageSize} px", nameof(cache));
        int d = ImageSize * ImageSize;
        var values = new float[rows.Count * d];
        for (int i = 0; i < rows.Count; i++)
        {
            var image = cache.Image(rows[i]);
            for (int j = 0; j < d; j++) values[i * d + j] = image[j] / 255f;
        }
        return new FeatureMatrix(values, rows.Count, d);
    }

    /// <inheritdoc />
    public void Dispose() { }
}
