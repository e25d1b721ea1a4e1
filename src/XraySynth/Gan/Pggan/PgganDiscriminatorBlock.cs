using XraySynth.Gan.Layers;
using static TorchSharp.torch;

namespace XraySynth.Gan.Pggan;

/// <summary>One growth step of the discriminator: two 3×3 convs with LeakyReLU, then 2× average pooling.</summary>
public sealed class PgganDiscriminatorBlock : nn.Module<Tensor, Tensor>
{
    readonly EqualizedConv2d conv0;
    readonly EqualizedConv2d conv1;

    /// <summary>Creates the block mapping <paramref name="inChannels"/> at r to <paramref name="outChannels"/> at r/2.</summary>
    public PgganDiscriminatorBlock(long inChannels, long outChannels, Generator? generator = null) : base(nameof(PgganDiscriminatorBlock))
    {
        conv0 = new EqualizedConv2d(inChannels, inChannels, 3, generator: generator);
        conv1 = new EqualizedConv2d(inChannels, outChannels, 3, generator: generator);
        RegisterComponents();
    }

    /// <summary>[N, in, r, r] → [N, out, r/2, r/2].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.leaky_relu(conv0.forward(x), 0.2);                  // [N, in, r, r]
        h = nn.functional.leaky_relu(conv1.forward(h), 0.2);                      // [N, out, r, r]
        h = nn.functional.avg_pool2d(h, new long[] { 2, 2 });                     // [N, out, r/2, r/2]
        return h.MoveToOuterDisposeScope();
    }
}
