using TorchSharp;
using TorchSharp.Modules;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Layers;

/// <summary>
/// Convolution with equalized learning rate (Karras et al. 2018, §4.1): weights are stored ~ N(0, 1) and
/// scaled at run time by <c>gain / sqrt(fan_in)</c>, so Adam's per-parameter step sizes are equal across layers.
/// The weight is cast to the input's dtype, so a bf16 input runs a bf16 convolution on fp32 master weights.
/// </summary>
public sealed class EqualizedConv2d : nn.Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly Parameter bias;
    readonly long padding;

    /// <summary>Run-time weight multiplier <c>gain / sqrt(in · k · k)</c>.</summary>
    public double Scale { get; }

    /// <summary>Creates the layer; weights ~ N(0,1), bias 0.</summary>
    public EqualizedConv2d(long inChannels, long outChannels, long kernelSize, double gain = 1.4142135623730951, Generator? generator = null)
        : base(nameof(EqualizedConv2d))
    {
        weight = new Parameter(randn(new[] { outChannels, inChannels, kernelSize, kernelSize }, generator: generator));
        bias = new Parameter(zeros(outChannels));
        padding = kernelSize / 2;
        Scale = gain / Math.Sqrt(inChannels * kernelSize * kernelSize);
        RegisterComponents();
    }

    /// <summary>[N, in, H, W] → [N, out, H, W] (same padding).</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != weight.shape[1])
            throw new ArgumentException($"EqualizedConv2d expects [N, {weight.shape[1]}, H, W], got [{string.Join(", ", x.shape)}]");
        using var scaled = KeptScalar.Mul(weight, Scale);
        using var w = scaled.to(x.dtype);
        using var b = bias.to(x.dtype);
        return nn.functional.conv2d(x, w, b, padding: new[] { padding, padding });
    }
}
