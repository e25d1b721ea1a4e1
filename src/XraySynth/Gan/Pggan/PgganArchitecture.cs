using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Gan.Pggan;

/// <summary>The shape of a PGGAN generator/discriminator pair (Karras et al. 2018). Saved with every checkpoint.</summary>
public sealed record PgganArchitecture : IValidatedConfig
{
    [Description("Final resolution in pixels (a power of two, 8 to 1024); growth starts at 4x4.")]
    [ConfigRange(8, 1024)]
    public int Resolution { get; init; } = 64;

    [Description("Latent vector size.")]
    [ConfigRange(1, 1024)]
    public int LatentSize { get; init; } = 256;

    [Description("Feature maps at resolution r are min(2 * fmap_base / r, fmap_max) (paper: 8192 and 512).")]
    [ConfigRange(16, 65536)]
    public int FmapBase { get; init; } = 4096;

    [Description("Upper bound on feature maps per layer.")]
    [ConfigRange(4, 1024)]
    public int FmapMax { get; init; } = 256;

    [Description("Width of the label embedding fed to the generator with the latent.")]
    [ConfigRange(1, 1024)]
    public int LabelEmbedding { get; init; } = 32;

    [Description("Minibatch standard deviation group size.")]
    [ConfigRange(1, 64)]
    public int MinibatchGroup { get; init; } = 4;

    /// <summary>Resolutions from 4 to <see cref="Resolution"/>.</summary>
    public IReadOnlyList<int> Resolutions()
    {
        var list = new List<int>();
        for (int r = 4; r <= Resolution; r *= 2) list.Add(r);
        return list;
    }

    /// <summary>Feature maps at <paramref name="resolution"/>.</summary>
    public int Channels(int resolution) => Math.Max(1, Math.Min(2 * FmapBase / resolution, FmapMax));

    /// <summary>Index of a resolution in <see cref="Resolutions"/> (4 → 0, 8 → 1, ...).</summary>
    public static int Level(int resolution) => (int)Math.Round(Math.Log2(resolution)) - 2;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if ((Resolution & (Resolution - 1)) != 0) yield return ("resolution", $"{Resolution} is not a power of two");
    }
}
