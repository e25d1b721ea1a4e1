using XraySynth.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Classify.Networks;

/// <summary>DenseNet transition between dense blocks: BN → ReLU → 1×1 conv (compression) → 2×2 average pool.</summary>
public sealed class Transition : nn.Module<Tensor, Tensor>
{
    readonly BatchNorm2d norm;
    readonly CastConv2d conv;
    readonly long inChannels;

    /// <summary>Creates the transition from <paramref name="inChannels"/> to <paramref name="outChannels"/>.</summary>
    public Transition(long inChannels, long outChannels) : base(nameof(Transition))
    {
        this.inChannels = inChannels;
        norm = nn.BatchNorm2d(inChannels);
        conv = CastConv2d.Create(inChannels, outChannels, 1, bias: false);
        RegisterComponents();
    }

    /// <summary>[N, in, r, r] → [N, out, r/2, r/2].</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != inChannels)
            throw new ArgumentException($"Transition expects [N, {inChannels}, H, W], got [{string.Join(", ", x.shape)}]", nameof(x));
        using var scope = NewDisposeScope();
        var h = conv.forward(nn.functional.relu(norm.forward(x)));            // [N, out, r, r]
        h = nn.functional.avg_pool2d(h, new long[] { 2, 2 });                 // [N, out, r/2, r/2]
        return h.MoveToOuterDisposeScope();
    }
}
