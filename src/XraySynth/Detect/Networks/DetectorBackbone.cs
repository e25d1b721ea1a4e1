using XraySynth.Torch;
using TorchSharp.Modules;
using XraySynth.Classify.Networks;
using static TorchSharp.torch;

namespace XraySynth.Detect.Networks;

/// <summary>
/// ResNet-18's layout (torchvision's shapes, one input channel) with a width knob, returning the four stage outputs
/// for the feature pyramid: 7×7/2 conv → BN → ReLU → 3×3/2 max pool → BasicBlock stages (2, 2, 2, 2) of
/// <c>w, 2w, 4w, 8w</c> channels at strides 4, 8, 16, 32. <c>w = 64</c> is ResNet-18 itself.
/// </summary>
public sealed class DetectorBackbone : nn.Module<Tensor, Tensor[]>
{
    readonly CastConv2d conv1;
    readonly BatchNorm2d bn1;
    readonly Sequential layer1;
    readonly Sequential layer2;
    readonly Sequential layer3;
    readonly Sequential layer4;

    /// <summary>Channels of the four outputs (strides 4, 8, 16, 32).</summary>
    public long[] Channels { get; }

    /// <summary>Creates the backbone with <paramref name="width"/> channels in its first stage.</summary>
    public DetectorBackbone(int width) : base(nameof(DetectorBackbone))
    {
        if (width < 4) throw new ArgumentOutOfRangeException(nameof(width), width, "expected at least 4 channels");
        conv1 = CastConv2d.Create(1, width, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(width);
        long channels = width;
        layer1 = Stage(ref channels, width, 1);
        layer2 = Stage(ref channels, 2 * width, 2);
        layer3 = Stage(ref channels, 4 * width, 2);
        layer4 = Stage(ref channels, 8 * width, 2);
        Channels = [width, 2 * width, 4 * width, 8 * width];
        RegisterComponents();
    }

    static Sequential Stage(ref long channels, long planes, long stride)
    {
        var stage = nn.Sequential(new BasicBlock(channels, planes, stride), new BasicBlock(planes, planes, 1));
        channels = planes;
        return stage;
    }

    /// <summary>The stage outputs C2 … C5 of <paramref name="x"/> <c>[N, 1, H, W]</c> (H and W multiples of 32).</summary>
    public override Tensor[] forward(Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != 1 || x.shape[2] % 32 != 0 || x.shape[3] % 32 != 0)
            throw new ArgumentException($"expected [N, 1, H, W] with H and W multiples of 32, got [{string.Join(", ", x.shape)}]", nameof(x));
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(bn1.forward(conv1.forward(x)));                                       // [N, w, H/2, W/2]
        h = nn.functional.max_pool2d(h, new long[] { 3, 3 }, new long[] { 2, 2 }, new long[] { 1, 1 }); // [N, w, H/4, W/4]
        var c2 = layer1.forward(h);                                                                      // [N, w, H/4, W/4]
        var c3 = layer2.forward(c2);                                                                     // [N, 2w, H/8, W/8]
        var c4 = layer3.forward(c3);                                                                     // [N, 4w, H/16, W/16]
        var c5 = layer4.forward(c4);                                                                     // [N, 8w, H/32, W/32]
        return [c2.MoveToOuterDisposeScope(), c3.MoveToOuterDisposeScope(), c4.MoveToOuterDisposeScope(), c5.MoveToOuterDisposeScope()];
    }
}
