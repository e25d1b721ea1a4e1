using XraySynth.Gan.Layers;
using XraySynth.Gan.Pggan;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Gan;

public sealed class PgganNetworkTests
{
    static readonly PgganArchitecture Tiny = new() { Resolution = 32, LatentSize = 8, FmapBase = 64, FmapMax = 16, LabelEmbedding = 4, MinibatchGroup = 2 };

    [Fact]
    public void Channels_follow_the_fmap_schedule()
    {
        var paper = new PgganArchitecture { Resolution = 1024, FmapBase = 8192, FmapMax = 512 };
        Assert.Equal([512, 512, 512, 512, 256, 128, 64, 32, 16], paper.Resolutions().Select(paper.Channels));
    }

    [Fact]
    public void Generator_and_discriminator_shapes_at_every_stage_and_during_fade_in()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var g = new PgganGenerator(Tiny, 3);
        var d = new PgganDiscriminator(Tiny, 3);
        var z = randn(4, 8);
        var y = tensor(new float[] { 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1 }).reshape(4, 3);
        foreach (int r in Tiny.Resolutions())
            foreach (double alpha in new[] { 0.0, 0.5, 1.0 })
            {
                var images = g.Generate(z, y, r, alpha);
                Assert.Equal(new long[] { 4, 1, r, r }, images.shape);
                var scores = d.Score(images, y, r, alpha);
                Assert.Equal(new long[] { 4 }, scores.shape);
                Assert.False(scores.isnan().any().item<bool>());
            }
    }

    [Fact]
    public void At_alpha_zero_the_new_resolution_is_the_upsampled_previous_one()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var g = new PgganGenerator(Tiny, 3);
        var z = randn(2, 8);
        var y = zeros(2, 3);
        var coarse = g.Generate(z, y, 8, 1.0);
        var faded = g.Generate(z, y, 16, 0.0);
        var upsampled = nn.functional.interpolate(coarse, scale_factor: new[] { 2.0, 2.0 }, mode: InterpolationMode.Nearest);
        Assert.True(faded.allclose(upsampled, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Equalized_layers_scale_weights_by_gain_over_sqrt_fan_in()
    {
        _ = TorchFixture.Cpu;
        Assert.Equal(Math.Sqrt(2) / Math.Sqrt(16 * 3 * 3), new EqualizedConv2d(16, 8, 3).Scale, 12);
        Assert.Equal(1 / Math.Sqrt(32), new EqualizedLinear(32, 4, gain: 1).Scale, 12);

        using var scope = NewDisposeScope();
        var layer = new EqualizedLinear(4, 1, gain: 1);
        var raw = layer.parameters().First(p => p.dim() == 2);
        var x = ones(1, 4);
        double expected = raw.sum().item<float>() / 2.0; // (1/sqrt(4)) · Σw, bias 0
        Assert.Equal(expected, layer.forward(x).item<float>(), 5);
    }

    [Fact]
    public void Pixel_norm_gives_unit_rms_feature_vectors()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var x = randn(3, 5, 4, 4) * 7;
        var rms = new PixelNorm().forward(x).square().mean(new long[] { 1 }).sqrt();
        Assert.True(rms.allclose(ones_like(rms), atol: 1e-4));
    }

    [Fact]
    public void Minibatch_stddev_appends_the_group_mean_standard_deviation()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // Batch 4 in groups of 2: group members are samples (0, 2) and (1, 3) (reshape [G=2, M=2, ...]).
        var x = tensor(new float[] { 0, 0, 2, 4, 10, 10, 14, 10 }).reshape(4, 2, 1, 1); // per sample: 2 features
        var y = new MinibatchStdDev(2).forward(x);
        Assert.Equal(new long[] { 4, 3, 1, 1 }, y.shape);
        // Group (0,2): features (0,10),(0,10) → std over pair: 5, 5 → 5; group (1,3): (2,14),(4,10) → 6, 3 → 4.5
        double Std(double a, double b) => Math.Sqrt(((a - b) / 2) * ((a - b) / 2) + 1e-8);
        double group0 = (Std(0, 10) + Std(0, 10)) / 2, group1 = (Std(2, 14) + Std(4, 10)) / 2;
        var extra = y.select(1, 2).flatten().data<float>().ToArray();
        Assert.Equal(group0, extra[0], 4);
        Assert.Equal(group1, extra[1], 4);
        Assert.Equal(group0, extra[2], 4);
        Assert.Equal(group1, extra[3], 4);
        Assert.True((y.narrow(1, 0, 2) == x).all().item<bool>());
    }

    [Fact]
    public void The_generator_obeys_the_asked_labels()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var g = new PgganGenerator(Tiny, 3);
        var z = randn(1, 8).expand(3, 8).contiguous();
        var y = tensor(new float[] { 1, 0, 0, 1, 0, 0, 0, 0, 1 }).reshape(3, 3);
        var images = g.Generate(z, y, 16);
        Assert.True((images[0] == images[1]).all().item<bool>(), "same latent and labels give the same image");
        Assert.False(images[0].allclose(images[2]), "other labels give another image");
        // A combination is the sum of the label embeddings: the generator sees e(A|B) = e(A) + e(B).
        var embed = g.named_modules().Select(m => m.module).OfType<LabelProjection>().Single();
        var both = embed.forward(tensor(new float[] { 1, 1, 0 }).reshape(1, 3));
        var sum = embed.forward(tensor(new float[] { 1, 0, 0 }).reshape(1, 3)) + embed.forward(tensor(new float[] { 0, 1, 0 }).reshape(1, 3));
        Assert.True(both.allclose(sum, atol: 1e-6));
    }

    [Fact]
    public void Wrong_input_shapes_are_rejected_with_the_expected_shape()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var g = new PgganGenerator(Tiny, 3);
        var d = new PgganDiscriminator(Tiny, 3);
        Assert.Contains("latent must be [N, 8]", Assert.Throws<ArgumentException>(() => g.Generate(randn(2, 7), zeros(2, 3), 8)).Message);
        Assert.Contains("resolution 12", Assert.Throws<ArgumentException>(() => g.Generate(randn(2, 8), zeros(2, 3), 12)).Message);
        Assert.Contains("images must be [N, 1, 16, 16]", Assert.Throws<ArgumentException>(() => d.Score(randn(2, 1, 8, 8), zeros(2, 3), 16)).Message);
    }
}
