using XraySynth.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Classify.Networks;

/// <summary>
/// ResNet (He et al. 2016) with torchvision's layer shapes, for one-channel input and <c>L</c> logits:
/// 7×7/2 conv 64 → BN → ReLU → 3×3/2 max pool → four stages (64, 128, 256, 512 planes; strides 1, 2, 2, 2)
/// → global average pool → linear. The feature map is stage 4's output, stride 32.
/// </summary>
public sealed class ResNet : ClassifierNetwork
{
    readonly CastConv2d conv1;
    readonly BatchNorm2d bn1;
    readonly Sequential layer1;
    readonly Sequential layer2;
    readonly Sequential layer3;
    readonly Sequential layer4;
    readonly Linear fc;

    /// <summary>ResNet-18: BasicBlocks (2, 2, 2, 2), 512 feature channels.</summary>
    /// <param name="labelCount">Number of output logits.</param>
    /// <param name="zeroInitResidual">Start each residual branch's last BatchNorm at weight 0 (off in torchvision by default).</param>
    public static ResNet ResNet18(int labelCount, bool zeroInitResidual = false) =>
        new(nameof(ResNet18), bottleneck: false, new[] { 2, 2, 2, 2 }, labelCount, zeroInitResidual);

    /// <summary>ResNet-50: Bottlenecks (3, 4, 6, 3), 2048 feature channels.</summary>
    /// <param name="labelCount">Number of output logits.</param>
    /// <param name="zeroInitResidual">Start each residual branch's last BatchNorm at weight 0 (off in torchvision by default).</param>
    public static ResNet ResNet50(int labelCount, bool zeroInitResidual = false) =>
        new(nameof(ResNet50), bottleneck: true, new[] { 3, 4, 6, 3 }, labelCount, zeroInitResidual);

    ResNet(string name, bool bottleneck, int[] blocks, int labelCount, bool zeroInitResidual)
        : base(name, labelCount, featureChannels: 512 * (bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion), minimumSize: 32)
    {
        conv1 = CastConv2d.Create(1, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        long channels = 64;
        layer1 = Stage(bottleneck, ref channels, 64, blocks[0], stride: 1);
        layer2 = Stage(bottleneck, ref channels, 128, blocks[1], stride: 2);
        layer3 = Stage(bottleneck, ref channels, 256, blocks[2], stride: 2);
        layer4 = Stage(bottleneck, ref channels, 512, blocks[3], stride: 2);
        fc = nn.Linear(channels, labelCount);
        RegisterComponents();

        ClassifierInit.Apply(this);
        if (zeroInitResidual)
        {
            foreach (var (_, module) in named_modules())
            {
                if (module is BasicBlock basic) basic.ZeroInitLastNorm();
                else if (module is Bottleneck neck) neck.ZeroInitLastNorm();
            }
        }
    }

    /// <summary>One stage: the first block changes stride and channels, the rest keep them.</summary>
    static Sequential Stage(bool bottleneck, ref long channels, long planes, int count, long stride)
    {
        var stage = nn.Sequential();
        for (int i = 0; i < count; i++)
        {
            long s = i == 0 ? stride : 1;
            if (bottleneck)
            {
                var block = new Bottleneck(channels, planes, s);
                stage.append(block);
                channels = block.OutChannels;
            }
            else
            {
                var block = new BasicBlock(channels, planes, s);
                stage.append(block);
                channels = block.OutChannels;
            }
        }
        return stage;
    }

    /// <inheritdoc/>
    protected override Tensor ComputeFeatures(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(bn1.forward(conv1.forward(x)));           // [N, 64, H/2, W/2]
        h = nn.functional.max_pool2d(h, new long[] { 3, 3 }, new long[] { 2, 2 }, new long[] { 1, 1 }); // [N, 64, H/4, W/4]
        h = layer1.forward(h);                                                // [N, 64·e, H/4, W/4]
        h = layer2.forward(h);                                                // [N, 128·e, H/8, W/8]
        h = layer3.forward(h);                                                // [N, 256·e, H/16, W/16]
        h = layer4.forward(h);                                                // [N, 512·e, H/32, W/32]
        return h.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override Tensor Classify(Tensor embedding) => fc.forward(embedding); // [N, 512·e] → [N, L]
}
