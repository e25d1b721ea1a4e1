using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Pggan;

namespace XraySynth.Experiments.Benchmarks;

/// <summary>
/// Analytic FLOP counts of the GANs' training step, the same formula as bench/reference/common.py.
/// Forward: convolutions <c>2·K·K·Cin·Cout·H·W</c> (H×W the output map; for a transposed convolution the input
/// map), dense layers and label embeddings <c>2·in·out</c>; biases, activations, norms, pooling, upsampling, the
/// minibatch stddev and the optimizer are not counted. A step per real image then costs, with backward ≈ 2× forward:
/// <list type="bullet">
/// <item>PGGAN <c>4·G + 15·D</c>: D update: G forward for the fakes 1·G, D forward+backward on reals and on fakes
/// 3·D each, gradient penalty 6·D (forward 1, input gradient 1, backward through both 4); G update: G 3·G, D 3·D.</item>
/// <item>DCGAN <c>4·G + 9·D</c>: the same without the gradient penalty.</item>
/// </list>
/// </summary>
public static class GanFlops
{
    /// <summary>G and D multipliers of a PGGAN (WGAN-GP) step.</summary>
    public static (int Generator, int Discriminator) PgganStep { get; } = (4, 15);

    /// <summary>G and D multipliers of a DCGAN (non-saturating) step.</summary>
    public static (int Generator, int Discriminator) DcganStep { get; } = (4, 9);

    /// <summary>A K×K convolution's forward FLOPs on an H×W map.</summary>
    public static long Conv(long kernel, long inChannels, long outChannels, long height, long width) =>
        2 * kernel * kernel * inChannels * outChannels * height * width;

    /// <summary>A dense layer's forward FLOPs.</summary>
    public static long Dense(long inFeatures, long outFeatures) => 2 * inFeatures * outFeatures;

    /// <summary>PGGAN at its final resolution (stable phase, alpha 1: the fade-in branches do not run).</summary>
    public static GanFlopCount Pggan(PgganArchitecture a, int labels)
    {
        int r = a.Resolution;
        long c4 = a.Channels(4);
        long g = Dense(labels, a.LabelEmbedding) + Dense(a.LatentSize + a.LabelEmbedding, c4 * 16) + Conv(3, c4, c4, 4, 4);
        long d = Conv(1, 1, a.Channels(r), r, r) + Conv(3, c4 + 1, c4, 4, 4) + Dense(c4 * 16, c4) + Dense(c4, 1) + Dense(labels, c4);
        foreach (int s in a.Resolutions().Skip(1))
        {
            g += Conv(3, a.Channels(s / 2), a.Channels(s), s, s) + Conv(3, a.Channels(s), a.Channels(s), s, s);
            d += Conv(3, a.Channels(s), a.Channels(s), s, s) + Conv(3, a.Channels(s), a.Channels(s / 2), s, s);
        }
        g += Conv(1, a.Channels(r), 1, r, r);
        return new GanFlopCount(g, d, PgganStep.Generator, PgganStep.Discriminator);
    }

    /// <summary>DCGAN at its resolution.</summary>
    public static GanFlopCount Dcgan(DcganArchitecture a, int labels)
    {
        long c = (long)a.GeneratorFeatures << (a.Levels - 1);
        long g = Dense(labels, a.LabelEmbedding) + Conv(4, a.LatentSize + a.LabelEmbedding, c, 1, 1);   // 1×1 → 4×4
        long size = 4;
        for (int level = 1; level < a.Levels; level++, c /= 2, size *= 2) g += Conv(4, c, c / 2, size, size);
        g += Conv(4, c, 1, size, size);                                                                   // → r×r image
        c = a.DiscriminatorFeatures;
        size = a.Resolution / 2;
        long d = Conv(4, 1, c, size, size);
        for (int level = 1; level < a.Levels; level++, c *= 2)
        {
            size /= 2;
            d += Conv(4, c, c * 2, size, size);
        }
        d += Dense(c, 1) + Dense(labels, c);
        return new GanFlopCount(g, d, DcganStep.Generator, DcganStep.Discriminator);
    }
}
