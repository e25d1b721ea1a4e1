using XraySynth.Gan.Dcgan;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Gan;

public sealed class DcganNetworkTests
{
    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    public void Generates_and_scores_images_at_each_supported_resolution(int resolution)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var architecture = new DcganArchitecture { Resolution = resolution, LatentSize = 8, GeneratorFeatures = 4, DiscriminatorFeatures = 4, LabelEmbedding = 3 };
        var g = new DcganGenerator(architecture, 5);
        var d = new DcganDiscriminator(architecture, 5);
        var y = zeros(2, 5);
        y[0, 4] = tensor(1f);
        var images = g.Generate(randn(2, 8), y);
        Assert.Equal(new long[] { 2, 1, resolution, resolution }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f);
        Assert.Equal(new long[] { 2 }, d.Score(images, y).shape);
    }
}
