using TorchSharp.Modules;
using XraySynth.Gan.Layers;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Pggan;

/// <summary>
/// Conditional progressive discriminator (critic): r×r → ... → 4×4 → minibatch stddev → score, plus the projection
/// term &lt;embed(y), h&gt; (Miyato &amp; Koyama 2018) so the score judges image and labels together.
/// </summary>
public sealed class PgganDiscriminator : nn.Module
{
    readonly ModuleList<EqualizedConv2d> fromGray;
    readonly ModuleList<PgganDiscriminatorBlock> blocks;
    readonly MinibatchStdDev stddev;
    readonly EqualizedConv2d conv4;
    readonly EqualizedLinear dense;
    readonly EqualizedLinear output;
    readonly LabelProjection labels;
    readonly long channels4;

    /// <summary>The architecture it was built from.</summary>
    public PgganArchitecture Architecture { get; }

    /// <summary>Builds the discriminator for <paramref name="labelCount"/> labels.</summary>
    public PgganDiscriminator(PgganArchitecture architecture, long labelCount, Generator? generator = null) : base(nameof(PgganDiscriminator))
    {
        Architecture = architecture;
        channels4 = architecture.Channels(4);
        fromGray = new ModuleList<EqualizedConv2d>();
        blocks = new ModuleList<PgganDiscriminatorBlock>();
        foreach (int r in architecture.Resolutions())
        {
            fromGray.Add(new EqualizedConv2d(1, architecture.Channels(r), 1, generator: generator));
            if (r > 4) blocks.Add(new PgganDiscriminatorBlock(architecture.Channels(r), architecture.Channels(r / 2), generator));
        }
        stddev = new MinibatchStdDev(architecture.MinibatchGroup);
        conv4 = new EqualizedConv2d(channels4 + 1, channels4, 3, generator: generator);
        dense = new EqualizedLinear(channels4 * 16, channels4, generator: generator);
        output = new EqualizedLinear(channels4, 1, gain: 1, generator: generator);
        labels = new LabelProjection(labelCount, channels4, generator);
        RegisterComponents();
    }

    /// <summary>Scores images at <paramref name="resolution"/> with labels <paramref name="condition"/>; returns [N].</summary>
    /// <param name="images">[N, 1, r, r].</param>
    /// <param name="condition">[N, labels] multi-hot.</param>
    /// <param name="resolution">Must equal the images' size.</param>
    /// <param name="alpha">Fade-in weight of the newest resolution in [0, 1].</param>
    public Tensor Score(Tensor images, Tensor condition, int resolution, double alpha = 1)
    {
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != resolution || images.shape[3] != resolution)
            throw new ArgumentException($"images must be [N, 1, {resolution}, {resolution}], got [{string.Join(", ", images.shape)}]");
        int level = PgganArchitecture.Level(resolution);
        if (level < 0 || level >= fromGray.Count) throw new ArgumentException($"resolution {resolution} is not in this discriminator");

        using var scope = NewDisposeScope();
        var h = nn.functional.leaky_relu(fromGray[level].forward(images), 0.2);                // [N, C(r), r, r]
        if (level > 0)
        {
            h = blocks[level - 1].forward(h);                                                  // [N, C(r/2), r/2, r/2]
            if (alpha < 1)
            {
                var coarse = nn.functional.avg_pool2d(images, new long[] { 2, 2 });           // [N, 1, r/2, r/2]
                coarse = nn.functional.leaky_relu(fromGray[level - 1].forward(coarse), 0.2);
                h = KeptScalar.Lerp(coarse, h, alpha);
            }
            for (int i = level - 1; i >= 1; i--) h = blocks[i - 1].forward(h);                 // down to [N, C4, 4, 4]
        }
        h = stddev.forward(h);                                                                 // [N, C4+1, 4, 4]
        h = nn.functional.leaky_relu(conv4.forward(h), 0.2).flatten(1);                        // [N, C4·16]
        h = nn.functional.leaky_relu(dense.forward(h), 0.2);                                   // [N, C4]
        var score = output.forward(h).squeeze(1);                                              // [N]
        var projection = (labels.forward(condition.to(h.dtype)) * h).sum(1);                   // [N]
        return (score + projection).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
