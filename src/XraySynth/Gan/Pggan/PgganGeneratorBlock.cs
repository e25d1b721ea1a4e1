using XraySynth.Gan.Layers;
using static TorchSharp.torch;

namespace XraySynth.Gan.Pggan;

/// <summary>One growth step of the generator: 2× nearest upsampling, then two 3×3 convs, each LeakyReLU + PixelNorm.</summary>
public sealed class PgganGeneratorBlock : nn.Module<Tensor, Tensor>
{
    readonly EqualizedConv2d conv0;
    readonly EqualizedConv2d conv1;
    readonly PixelNorm norm;

    /// <summary>Creates the block mapping <paramref name="inChannels"/> at r/2 to <paramref name="outChannels"/> at r.</summary>
    public PgganGeneratorBlock(long inChannels, long outChannels, Generator? generator = null) : base(nameof(PgganGeneratorBlock))
    {
        conv0 = new EqualizedConv2d(inChannels, outChannels, 3, generator: generator);
        conv1 = new EqualizedConv2d(outChannels, outChannels, 3, generator: generator);
        norm = new PixelNorm();
        RegisterComponents();
    }

    /// <summary>[N, in, r/2, r/2] → [N, out, r, r].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.interpolate(x, scale_factor: new[] { 2.0, 2.0 }, mode: InterpolationMode.Nearest);   // [N, in, r, r]
        h = norm.forward(nn.functional.leaky_relu(conv0.forward(h), 0.2));                                         // [N, out, r, r]
        h = norm.forward(nn.functional.leaky_relu(conv1.forward(h), 0.2));                                         // [N, out, r, r]
        return h.MoveToOuterDisposeScope();
    }
}
