using TorchSharp;
using TorchSharp.Modules;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Layers;

/// <summary>Fully connected layer with equalized learning rate (weights ~ N(0,1) scaled by <c>gain / sqrt(in)</c>).</summary>
public sealed class EqualizedLinear : nn.Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly Parameter bias;

    /// <summary>Run-time weight multiplier <c>gain / sqrt(in)</c>.</summary>
    public double Scale { get; }

    /// <summary>Creates the layer; weights ~ N(0,1), bias 0.</summary>
    public EqualizedLinear(long inFeatures, long outFeatures, double gain = 1.4142135623730951, Generator? generator = null)
        : base(nameof(EqualizedLinear))
    {
        weight = new Parameter(randn(new[] { outFeatures, inFeatures }, generator: generator));
        bias = new Parameter(zeros(outFeatures));
        Scale = gain / Math.Sqrt(inFeatures);
        RegisterComponents();
    }

    /// <summary>[N, in] → [N, out].</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.shape[^1] != weight.shape[1])
            throw new ArgumentException($"EqualizedLinear expects [..., {weight.shape[1]}], got [{string.Join(", ", x.shape)}]");
        using var scaled = KeptScalar.Mul(weight, Scale);
        using var w = scaled.to(x.dtype);
        using var b = bias.to(x.dtype);
        return nn.functional.linear(x, w, b);
    }
}
