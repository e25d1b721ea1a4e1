using XraySynth.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Classify.Networks;

/// <summary>
/// ResNet-18/34 residual block (He et al. 2016): two 3×3 conv-BN pairs plus a shortcut, which is a 1×1 conv-BN
/// projection when the stride or the channel count changes.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels per <c>planes</c>.</summary>
    public const int Expansion = 1;

    readonly CastConv2d conv1;
    readonly BatchNorm2d bn1;
    readonly CastConv2d conv2;
    readonly BatchNorm2d bn2;
    readonly Sequential? downsample;
    readonly long inChannels;

    /// <summary>Channels of the block's output, <c>planes · Expansion</c>.</summary>
    public long OutChannels { get; }

    /// <summary>Creates the block mapping <paramref name="inChannels"/> at r to <c>planes</c> at r / <paramref name="stride"/>.</summary>
    public BasicBlock(long inChannels, long planes, long stride = 1) : base(nameof(BasicBlock))
    {
        this.inChannels = inChannels;
        OutChannels = planes * Expansion;
        conv1 = CastConv2d.Create(inChannels, planes, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = CastConv2d.Create(planes, planes, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        if (stride != 1 || inChannels != OutChannels)
            downsample = nn.Sequential(CastConv2d.Create(inChannels, OutChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(OutChannels));
        RegisterComponents();
    }

    /// <summary>Sets the last BatchNorm's weight to 0, so the block starts as its shortcut (Goyal et al. 2017).</summary>
    public void ZeroInitLastNorm() => nn.init.zeros_(bn2.weight);

    /// <summary>[N, in, r, r] → [N, planes, r/stride, r/stride].</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != inChannels)
            throw new ArgumentException($"BasicBlock expects [N, {inChannels}, H, W], got [{string.Join(", ", x.shape)}]", nameof(x));
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(bn1.forward(conv1.forward(x)));           // [N, planes, r/s, r/s]
        h = bn2.forward(conv2.forward(h));                                    // [N, planes, r/s, r/s]
        var identity = downsample is null ? x : downsample.forward(x);        // [N, planes, r/s, r/s]
        return nn.functional.relu(h + identity).MoveToOuterDisposeScope();    // [N, planes, r/s, r/s]
    }
}
