using XraySynth.Classify.Networks;
using XraySynth.Experiments.Benchmarks;

namespace XraySynth.Tests.Experiments.Benchmarks;

public sealed class ClassifierFlopsTests
{
    [Fact]
    public void A_one_block_per_stage_resnet_at_32_px_matches_a_hand_count()
    {
        // 32 px: stem conv → 16×16, max pool → 8×8; stages at 8, 4, 2, 1 px; 2 labels.
        long expected =
            2 * 49 * 1 * 64 * 256                                             // stem 7×7/2, 1 → 64 at 16×16
            + 2 * (2 * 9 * 64 * 64 * 64)                                      // stage 1: two 3×3 64 → 64 at 8×8, no projection
            + 2 * 9 * 64 * 128 * 16 + 2 * 9 * 128 * 128 * 16 + 2 * 64 * 128 * 16     // stage 2 at 4×4, 1×1/2 projection
            + 2 * 9 * 128 * 256 * 4 + 2 * 9 * 256 * 256 * 4 + 2 * 128 * 256 * 4      // stage 3 at 2×2
            + 2 * 9 * 256 * 512 * 1 + 2 * 9 * 512 * 512 * 1 + 2 * 256 * 512 * 1     // stage 4 at 1×1
            + 2 * 512 * 2;                                                    // head 512 → 2
        Assert.Equal(33_064_960, expected);

        Assert.Equal(expected, ClassifierFlops.ResNet([1, 1, 1, 1], bottleneck: false, size: 32, labels: 2));
    }

    [Fact]
    public void A_two_layer_densenet_at_32_px_matches_a_hand_count()
    {
        // Growth 4, bottleneck 2·4 = 8, stem 8 channels; blocks of one layer at 8×8 and 4×4; 2 labels.
        long expected =
            2 * 49 * 1 * 8 * 256                                              // stem 7×7/2, 1 → 8 at 16×16 (then pool → 8×8)
            + 2 * 1 * 8 * 8 * 64 + 2 * 9 * 8 * 4 * 64                         // layer: 1×1 8 → 8, 3×3 8 → 4; 12 channels
            + 2 * 1 * 12 * 6 * 64                                             // transition 1×1 12 → 6 at 8×8, pool → 4×4
            + 2 * 1 * 6 * 8 * 16 + 2 * 9 * 8 * 4 * 16                         // layer: 1×1 6 → 8, 3×3 8 → 4; 10 channels
            + 2 * 10 * 2;                                                     // head 10 → 2
        Assert.Equal(265_768, expected);

        Assert.Equal(expected, ClassifierFlops.DenseNet([1, 1], growth: 4, bottleneckSize: 2, initFeatures: 8, size: 32, labels: 2));
    }

    [Fact]
    public void Resnet50_at_224_px_is_torchvisions_4_1_gmac_less_the_two_missing_input_channels()
    {
        // torchvision's ResNet-50 (3 channels, 1000 classes) is ≈ 4.09 GMAC; its stem reads 3 channels:
        // 7·7·3·64·112·112 = 118.0 M MAC, of which two thirds go with one channel; 1000 → 14 logits saves 2 M more.
        long macs = ClassifierFlops.Forward(ClassifierArchitecture.ResNet50, 224, 14) / 2;
        long stem3 = 7 * 7 * 3 * 64 * 112 * 112;
        Assert.InRange(macs, 4.09e9 - stem3 * 2 / 3 - 0.03e9, 4.09e9 - stem3 * 2 / 3 + 0.03e9);
    }

    [Theory]
    // Forward FLOPs counted by bench/reference/classifier.py with hooks on every Conv2d and Linear (PyTorch 1.13):
    // an independent count of the same layers, here at a size whose maps do not halve evenly too.
    [InlineData(ClassifierArchitecture.ResNet18, 64, 283_260_928L)]
    [InlineData(ClassifierArchitecture.ResNet18, 224, 3_469_785_088L)]
    [InlineData(ClassifierArchitecture.ResNet50, 100, 1_959_502_336L)]
    [InlineData(ClassifierArchitecture.ResNet50, 224, 8_016_977_920L)]
    [InlineData(ClassifierArchitecture.DenseNet121, 100, 1_048_826_368L)]
    [InlineData(ClassifierArchitecture.DenseNet121, 224, 5_508_952_064L)]
    public void Counts_equal_the_pytorch_references_hook_count(ClassifierArchitecture architecture, int size, long forward)
    {
        Assert.Equal(forward, ClassifierFlops.Forward(architecture, size, 14));
        Assert.Equal(3 * forward, ClassifierFlops.TrainingStep(architecture, size, 14));
    }
}
