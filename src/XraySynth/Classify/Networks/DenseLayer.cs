using XraySynth.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Classify.Networks;

/// <summary>
/// DenseNet bottleneck layer (Huang et al. 2017): BN → ReLU → 1×1 conv to <c>bnSize · growth</c> → BN → ReLU →
/// 3×3 conv to <c>growth</c>, then dropout. Returns only the new features; <see cref="DenseBlock"/> concatenates.
/// </summary>
public sealed class DenseLayer : nn.Module<Tensor, Tensor>
{
    readonly BatchNorm2d norm1;
    readonly CastConv2d conv1;
    readonly BatchNorm2d norm2;
    readonly CastConv2d conv2;
    readonly long inChannels;
    readonly double dropRate;

    /// <summary>Creates the layer reading <paramref name="inChannels"/> and producing <paramref name="growth"/> channels.</summary>
    public DenseLayer(long inChannels, long growth, long bnSize, double dropRate = 0) : base(nameof(DenseLayer))
    {
        if (dropRate is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(dropRate), dropRate, "dropout rate must be in [0, 1)");
        this.inChannels = inChannels;
        this.dropRate = dropRate;
        norm1 = nn.BatchNorm2d(inChannels);
        conv1 = CastConv2d.Create(inChannels, bnSize * growth, 1, bias: false);
        norm2 = nn.BatchNorm2d(bnSize * growth);
        conv2 = CastConv2d.Create(bnSize * growth, growth, 3, padding: 1, bias: false);
        RegisterComponents();
    }

    /// <summary>[N, in, r, r] → [N, growth, r, r].</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != inChannels)
            throw new ArgumentException($"DenseLayer expects [N, {inChannels}, H, W], got [{string.Join(", ", x.shape)}]", nameof(x));
        using var scope = NewDisposeScope();
        var h = conv1.forward(nn.functional.relu(norm1.forward(x)));          // [N, bnSize·growth, r, r]
        h = conv2.forward(nn.functional.relu(norm2.forward(h)));              // [N, growth, r, r]
        if (dropRate > 0) h = nn.functional.dropout(h, dropRate, training);  // [N, growth, r, r]
        return h.MoveToOuterDisposeScope();
    }
}
