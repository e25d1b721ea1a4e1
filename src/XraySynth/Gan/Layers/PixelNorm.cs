using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Layers;

/// <summary>Pixelwise feature vector normalization (Karras et al. 2018, §4.2): each pixel's feature vector to unit RMS.</summary>
public sealed class PixelNorm : nn.Module<Tensor, Tensor>
{
    const double Epsilon = 1e-8;

    /// <summary>Creates the layer (no parameters).</summary>
    public PixelNorm() : base(nameof(PixelNorm)) { }

    /// <summary>[N, C, ...] → same shape, normalized over C.</summary>
    public override Tensor forward(Tensor x)
    {
        using var meanSquare = x.square().mean(new long[] { 1 }, keepdim: true);
        using var inverse = KeptScalar.Add(meanSquare, Epsilon).rsqrt_();
        return x * inverse;
    }
}
