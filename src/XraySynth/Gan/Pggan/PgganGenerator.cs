using TorchSharp.Modules;
using XraySynth.Gan.Layers;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Pggan;

/// <summary>
/// Conditional progressive generator: [latent ‖ label embedding] → 4×4 → ... → r×r grayscale, with the newest
/// resolution faded in by <c>alpha</c>. Output is linear (no tanh), images live around [-1, 1].
/// </summary>
public sealed class PgganGenerator : nn.Module
{
    readonly LabelProjection labels;
    readonly PixelNorm norm;
    readonly EqualizedLinear input;
    readonly EqualizedConv2d conv4;
    readonly ModuleList<PgganGeneratorBlock> blocks;
    readonly ModuleList<EqualizedConv2d> toGray;
    readonly long channels4;

    /// <summary>The architecture it was built from.</summary>
    public PgganArchitecture Architecture { get; }

    /// <summary>Number of labels the multi-hot condition has.</summary>
    public long LabelCount { get; }

    /// <summary>Builds the generator for <paramref name="labelCount"/> labels.</summary>
    public PgganGenerator(PgganArchitecture architecture, long labelCount, Generator? generator = null) : base(nameof(PgganGenerator))
    {
        Architecture = architecture;
        LabelCount = labelCount;
        channels4 = architecture.Channels(4);
        labels = new LabelProjection(labelCount, architecture.LabelEmbedding, generator);
        norm = new PixelNorm();
        input = new EqualizedLinear(architecture.LatentSize + architecture.LabelEmbedding, channels4 * 16, gain: Math.Sqrt(2) / 4, generator: generator);
        conv4 = new EqualizedConv2d(channels4, channels4, 3, generator: generator);
        blocks = new ModuleList<PgganGeneratorBlock>();
        toGray = new ModuleList<EqualizedConv2d>();
        var resolutions = architecture.Resolutions();
        foreach (int r in resolutions)
        {
            if (r > 4) blocks.Add(new PgganGeneratorBlock(architecture.Channels(r / 2), architecture.Channels(r), generator));
            toGray.Add(new EqualizedConv2d(architecture.Channels(r), 1, 1, gain: 1, generator: generator));
        }
        RegisterComponents();
    }

    /// <summary>
    /// Generates images at <paramref name="resolution"/>; while that resolution fades in (<paramref name="alpha"/> &lt; 1)
    /// the output blends the upsampled previous resolution with the new block's output.
    /// </summary>
    /// <param name="latent">[N, latent_size].</param>
    /// <param name="condition">[N, labels] multi-hot.</param>
    /// <param name="resolution">4, 8, ... up to the architecture's resolution.</param>
    /// <param name="alpha">Fade-in weight of the newest resolution in [0, 1].</param>
    public Tensor Generate(Tensor latent, Tensor condition, int resolution, double alpha = 1)
    {
        if (latent.dim() != 2 || latent.shape[1] != Architecture.LatentSize)
            throw new ArgumentException($"latent must be [N, {Architecture.LatentSize}], got [{string.Join(", ", latent.shape)}]");
        if (condition.shape[0] != latent.shape[0]) throw new ArgumentException("latent and condition batch sizes differ");
        int level = PgganArchitecture.Level(resolution);
        if (level < 0 || level >= toGray.Count || 4 << level != resolution)
            throw new ArgumentException($"resolution {resolution} is not one of {string.Join(", ", Architecture.Resolutions())}");

        using var scope = NewDisposeScope();
        var z = norm.forward(latent);                                                          // [N, Z]
        var e = labels.forward(condition.to(latent.dtype));                                    // [N, E]
        var h = input.forward(cat(new[] { z, e }, 1)).reshape(-1, channels4, 4, 4);           // [N, C4, 4, 4]
        h = norm.forward(nn.functional.leaky_relu(h, 0.2));
        h = norm.forward(nn.functional.leaky_relu(conv4.forward(h), 0.2));                     // [N, C4, 4, 4]
        Tensor? previous = null;
        for (int i = 1; i <= level; i++)
        {
            if (i == level) previous = h;
            h = blocks[i - 1].forward(h);                                                      // [N, C(4·2^i), 4·2^i, 4·2^i]
        }
        var image = toGray[level].forward(h);                                                  // [N, 1, r, r]
        if (previous is not null && alpha < 1)
        {
            var coarse = toGray[level - 1].forward(previous);                                  // [N, 1, r/2, r/2]
            coarse = nn.functional.interpolate(coarse, scale_factor: new[] { 2.0, 2.0 }, mode: InterpolationMode.Nearest);
            image = KeptScalar.Lerp(coarse, image, alpha);
        }
        return image.MoveToOuterDisposeScope();
    }
}
