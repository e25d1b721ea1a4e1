using XraySynth.Classify.Networks;

namespace XraySynth.Experiments.Benchmarks;

/// <summary>
/// Analytic forward FLOPs of the classifier backbones (src/XraySynth/Classify/Networks) for one image of a given
/// size, counted as <see cref="GanFlops"/> counts them: 2 per multiply-add of every convolution and the final
/// linear layer; BatchNorm, ReLU, pooling, concatenation, the loss and the optimizer are not counted. A training
/// step costs <see cref="TrainingMultiplier"/> forwards (backward ≈ 2× forward: gradients of inputs and weights).
/// Spatial sizes follow the layers' strides and paddings, so any size the networks accept is counted exactly.
/// bench/reference/classifier.py counts the same FLOPs independently, with forward hooks on its layers.
/// </summary>
public static class ClassifierFlops
{
    /// <summary>Forward passes' worth of work in one training step (forward 1, backward 2).</summary>
    public const int TrainingMultiplier = 3;

    /// <summary>Stage widths of ResNet (planes; a Bottleneck stage outputs 4× as many channels).</summary>
    static readonly int[] ResNetPlanes = [64, 128, 256, 512];

    /// <summary>Forward FLOPs of <paramref name="architecture"/> for one 1-channel <paramref name="size"/>² image.</summary>
    public static long Forward(ClassifierArchitecture architecture, int size, int labels) => architecture switch
    {
        ClassifierArchitecture.ResNet18 => ResNet([2, 2, 2, 2], bottleneck: false, size, labels),
        ClassifierArchitecture.ResNet50 => ResNet([3, 4, 6, 3], bottleneck: true, size, labels),
        ClassifierArchitecture.DenseNet121 => DenseNet([6, 12, 24, 16], DenseNet121.Growth, DenseNet121.BottleneckSize,
            DenseNet121.InitFeatures, size, labels),
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "unknown classifier architecture"),
    };

    /// <summary>FLOPs of one training step (forward, backward) per image.</summary>
    public static long TrainingStep(ClassifierArchitecture architecture, int size, int labels) =>
        TrainingMultiplier * Forward(architecture, size, labels);

    /// <summary>
    /// A torchvision-shaped ResNet with one input channel: 7×7/2 stem conv to 64, 3×3/2 max pool, four stages of
    /// <paramref name="blocks"/> BasicBlocks or Bottlenecks (64, 128, 256, 512 planes; strides 1, 2, 2, 2; a 1×1
    /// projection shortcut where the stride or width changes), linear head to <paramref name="labels"/>.
    /// </summary>
    public static long ResNet(IReadOnlyList<int> blocks, bool bottleneck, int size, int labels)
    {
        if (blocks.Count != ResNetPlanes.Length) throw new ArgumentException("ResNet has four stages", nameof(blocks));
        long h = Output(size, 7, 2, 3);
        long flops = Conv(7, 1, 64, h);                                       // stem
        h = Output(h, 3, 2, 1);                                               // max pool
        long channels = 64;
        for (int stage = 0; stage < blocks.Count; stage++)
        {
            long planes = ResNetPlanes[stage];
            for (int i = 0; i < blocks[stage]; i++)
            {
                long stride = stage > 0 && i == 0 ? 2 : 1;
                long outChannels = bottleneck ? planes * Bottleneck.Expansion : planes * BasicBlock.Expansion;
                long ho = Output(h, 3, stride, 1);
                flops += bottleneck
                    ? Conv(1, channels, planes, h) + Conv(3, planes, planes, ho) + Conv(1, planes, outChannels, ho)
                    : Conv(3, channels, planes, ho) + Conv(3, planes, planes, ho);
                if (stride != 1 || channels != outChannels) flops += Conv(1, channels, outChannels, Output(h, 1, stride, 0));
                (channels, h) = (outChannels, ho);
            }
        }
        return flops + Dense(channels, labels);
    }

    /// <summary>
    /// A torchvision-shaped DenseNet with one input channel: 7×7/2 stem conv to <paramref name="initFeatures"/>,
    /// 3×3/2 max pool, dense blocks of <paramref name="blocks"/> layers (1×1 conv to bottleneck·growth, 3×3 conv to
    /// growth) joined by transitions (1×1 conv halving the channels, 2×2 average pool), linear head.
    /// </summary>
    public static long DenseNet(IReadOnlyList<int> blocks, int growth, int bottleneckSize, int initFeatures, int size, int labels)
    {
        long h = Output(size, 7, 2, 3);
        long flops = Conv(7, 1, initFeatures, h);                             // stem
        h = Output(h, 3, 2, 1);                                               // max pool
        long channels = initFeatures, width = (long)bottleneckSize * growth;
        for (int block = 0; block < blocks.Count; block++)
        {
            for (int layer = 0; layer < blocks[block]; layer++, channels += growth)
                flops += Conv(1, channels, width, h) + Conv(3, width, growth, h);
            if (block == blocks.Count - 1) break;
            flops += Conv(1, channels, channels / 2, h);                      // transition
            (channels, h) = (channels / 2, h / 2);                            // 2×2 average pool
        }
        return flops + Dense(channels, labels);
    }

    /// <summary>A square K×K convolution's forward FLOPs producing an h×h map.</summary>
    static long Conv(long kernel, long inChannels, long outChannels, long h) => 2 * kernel * kernel * inChannels * outChannels * h * h;

    /// <summary>A dense layer's forward FLOPs.</summary>
    static long Dense(long inFeatures, long outFeatures) => 2 * inFeatures * outFeatures;

    /// <summary>Output size of a convolution or pooling window (floor division, as PyTorch's layers).</summary>
    static long Output(long size, long kernel, long stride, long padding) => (size + 2 * padding - kernel) / stride + 1;
}
