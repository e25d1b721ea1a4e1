using XraySynth.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Classify.Networks;

/// <summary>
/// DenseNet-121 (Huang et al. 2017; CheXNet's backbone) with torchvision's layer shapes, for one-channel input and
/// <c>L</c> logits: 7×7/2 conv 64 → BN → ReLU → 3×3/2 max pool → dense blocks of (6, 12, 24, 16) layers with growth
/// 32 and bottleneck width 4·32, joined by transitions halving channels and size → BN → ReLU → global average pool →
/// linear. The feature map is the final ReLU's output (1024 channels, stride 32).
/// </summary>
public sealed class DenseNet121 : ClassifierNetwork
{
    /// <summary>Channels each dense layer adds.</summary>
    public const int Growth = 32;
    /// <summary>Bottleneck width multiplier: the 1×1 conv has <c>BottleneckSize · Growth</c> channels.</summary>
    public const int BottleneckSize = 4;
    /// <summary>Channels of the stem convolution.</summary>
    public const int InitFeatures = 64;

    readonly CastConv2d conv0;
    readonly BatchNorm2d norm0;
    readonly DenseBlock block1;
    readonly Transition transition1;
    readonly DenseBlock block2;
    readonly Transition transition2;
    readonly DenseBlock block3;
    readonly Transition transition3;
    readonly DenseBlock block4;
    readonly BatchNorm2d norm5;
    readonly Linear classifier;

    /// <summary>Builds DenseNet-121 with <paramref name="labelCount"/> logits.</summary>
    /// <param name="labelCount">Number of output logits.</param>
    /// <param name="dropRate">Dropout after every dense layer while training (0 in torchvision and CheXNet).</param>
    public DenseNet121(int labelCount, double dropRate = 0) : base(nameof(DenseNet121), labelCount, featureChannels: 1024, minimumSize: 32)
    {
        conv0 = CastConv2d.Create(1, InitFeatures, 7, stride: 2, padding: 3, bias: false);
        norm0 = nn.BatchNorm2d(InitFeatures);
        block1 = new DenseBlock(6, InitFeatures, Growth, BottleneckSize, dropRate);                     // 64 → 256
        transition1 = new Transition(block1.OutChannels, block1.OutChannels / 2);                         // 256 → 128
        block2 = new DenseBlock(12, block1.OutChannels / 2, Growth, BottleneckSize, dropRate);          // 128 → 512
        transition2 = new Transition(block2.OutChannels, block2.OutChannels / 2);                         // 512 → 256
        block3 = new DenseBlock(24, block2.OutChannels / 2, Growth, BottleneckSize, dropRate);          // 256 → 1024
        transition3 = new Transition(block3.OutChannels, block3.OutChannels / 2);                         // 1024 → 512
        block4 = new DenseBlock(16, block3.OutChannels / 2, Growth, BottleneckSize, dropRate);          // 512 → 1024
        norm5 = nn.BatchNorm2d(block4.OutChannels);
        classifier = nn.Linear(block4.OutChannels, labelCount);
        RegisterComponents();
        ClassifierInit.Apply(this);
    }

    /// <inheritdoc/>
    protected override Tensor ComputeFeatures(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(norm0.forward(conv0.forward(x)));         // [N, 64, H/2, W/2]
        h = nn.functional.max_pool2d(h, new long[] { 3, 3 }, new long[] { 2, 2 }, new long[] { 1, 1 }); // [N, 64, H/4, W/4]
        h = transition1.forward(block1.forward(h));                           // [N, 128, H/8, W/8]
        h = transition2.forward(block2.forward(h));                           // [N, 256, H/16, W/16]
        h = transition3.forward(block3.forward(h));                           // [N, 512, H/32, W/32]
        h = nn.functional.relu(norm5.forward(block4.forward(h)));             // [N, 1024, H/32, W/32]
        return h.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override Tensor Classify(Tensor embedding) => classifier.forward(embedding); // [N, 1024] → [N, L]
}
