using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Classify.Networks;

/// <summary>A dense block: each <see cref="DenseLayer"/> reads the concatenation of the block's input and all earlier layers' outputs.</summary>
public sealed class DenseBlock : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<DenseLayer> layers;
    readonly long inChannels;

    /// <summary>Channels of the block's output, <c>in + layers · growth</c>.</summary>
    public long OutChannels { get; }

    /// <summary>Creates <paramref name="layerCount"/> layers of <paramref name="growth"/> channels each.</summary>
    public DenseBlock(int layerCount, long inChannels, long growth, long bnSize, double dropRate = 0) : base(nameof(DenseBlock))
    {
        this.inChannels = inChannels;
        layers = new ModuleList<DenseLayer>();
        for (int i = 0; i < layerCount; i++) layers.Add(new DenseLayer(inChannels + i * growth, growth, bnSize, dropRate));
        OutChannels = inChannels + layerCount * growth;
        RegisterComponents();
    }

    /// <summary>[N, in, r, r] → [N, in + layers·growth, r, r].</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != inChannels)
            throw new ArgumentException($"DenseBlock expects [N, {inChannels}, H, W], got [{string.Join(", ", x.shape)}]", nameof(x));
        using var scope = NewDisposeScope();
        var h = x;                                                            // [N, in, r, r]
        foreach (var layer in layers)
            h = cat(new[] { h, layer.forward(h) }, 1);                        // [N, in + (i+1)·growth, r, r]
        return h.MoveToOuterDisposeScope();
    }
}
