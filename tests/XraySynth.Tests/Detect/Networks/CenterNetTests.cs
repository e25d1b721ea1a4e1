using XraySynth.Detect.Boxes;
using XraySynth.Detect.Networks;
using XraySynth.Detect.Training;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Detect.Networks;

[Collection(GlobalRandomCollection.Name)]
public sealed class CenterNetTests
{
    static readonly LabeledBox[][] Boxes =
    [
        [new(new Box(10.5, 12, 30, 41), 0), new(new Box(40, 8, 60, 20), 1)],
        [],
        [new(new Box(0, 0, 64, 64), 1)],
    ];

    /// <summary>Maps that say exactly what the targets say: heatmap logits from the target probabilities.</summary>
    static DetectorOutputs Perfect((Tensor Heatmap, Tensor Size, Tensor Offset, Tensor Mask) t) =>
        new(t.Heatmap.clamp(1e-6, 1 - 1e-6).logit(), t.Size, t.Offset);

    [Fact]
    public void Targets_put_a_unit_peak_at_each_box_centre_cell()
    {
        var targets = new CenterNetTargets(Boxes, classes: 2, inputSize: 64);
        Assert.Equal(16, targets.Grid);
        // Box 1 of image 0: centre (50, 14) px = (12.5, 3.5) cells → cell (12, 3), class 1.
        int g = 16;
        Assert.Equal(1f, targets.Heatmap[(0 * 2 + 1) * g * g + 3 * g + 12]);
        Assert.Equal(0.5f, targets.Offset[(0 * 2) * g * g + 3 * g + 12], 5);
        Assert.Equal((float)Math.Log(20 / 4.0), targets.Size[(0 * 2) * g * g + 3 * g + 12], 5);
        Assert.Equal(0f, targets.Heatmap.Skip(2 * g * g).Take(2 * g * g).Sum()); // image 1 has no boxes
        Assert.Equal(3f, targets.Mask.Sum());
        Assert.All(targets.Heatmap, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Decoding_perfect_maps_gives_back_the_boxes()
    {
        TorchFixture.Cpu.Reseed(0);
        var targets = new CenterNetTargets(Boxes, 2, 64).ToTensors(CPU);
        var decoded = CenterNetDecoder.Decode(Perfect(targets), 64, minScore: 0.99);
        for (int i = 0; i < Boxes.Length; i++)
        {
            Assert.Equal(Boxes[i].Length, decoded[i].Count);
            foreach (var truth in Boxes[i])
            {
                var match = decoded[i].Single(d => d.Class == truth.Class);
                Assert.True(Box.Iou(match.Box, truth.Box) > 0.999, $"{match.Box} vs {truth.Box}");
            }
        }
    }

    [Fact]
    public void Loss_is_smallest_for_perfect_maps_and_the_network_has_the_documented_shapes()
    {
        TorchFixture.Cpu.Reseed(1);
        var targets = new CenterNetTargets(Boxes, 2, 64).ToTensors(CPU);
        using var model = new CenterNetDetector(classes: 2, width: 8, pyramidChannels: 16);
        var outputs = model.forward(randn(3, 1, 64, 64));
        Assert.Equal(new long[] { 3, 2, 16, 16 }, outputs.Heatmap.shape);
        Assert.Equal(new long[] { 3, 2, 16, 16 }, outputs.Size.shape);
        var random = CenterNetLoss.Compute(outputs, targets);
        var perfect = CenterNetLoss.Compute(Perfect(targets), targets);
        Assert.True(random.Total.item<float>() > 0.5);
        // The focal term is not 0 at the target (Gaussian shoulders keep a small p² log(1 − p) (1 − y)⁴), but far below random.
        Assert.True(perfect.Total.item<float>() < random.Total.item<float>() / 10, $"perfect maps lose {perfect.Total.item<float>()}");
        Assert.Equal(0f, perfect.Size.item<float>());
        Assert.Throws<ArgumentException>(() => model.forward(randn(1, 1, 40, 40)));
    }

    [Fact]
    public void Gaussian_radius_follows_centernets_formula()
    {
        // gaussian_radius((10, 10), 0.7) of CenterNet's utils/image.py, evaluated in Python: r1 19.07, r2 36.73, r3 2.7332.
        Assert.Equal(2.73320, CenterNetTargets.GaussianRadius(10, 10), 4);
    }
}
