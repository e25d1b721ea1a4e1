using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Layers;

/// <summary>
/// Minibatch standard deviation (Karras et al. 2018, §3): splits the batch into groups, takes the standard
/// deviation of every feature over each group, averages it to one number per group and appends it as an extra
/// feature map, so the discriminator can see a lack of variety.
/// </summary>
public sealed class MinibatchStdDev : nn.Module<Tensor, Tensor>
{
    readonly long groupSize;

    /// <summary>Creates the layer; the group is the batch when the batch is smaller or not divisible.</summary>
    public MinibatchStdDev(long groupSize = 4) : base(nameof(MinibatchStdDev)) => this.groupSize = groupSize;

    /// <summary>Group size actually used for a batch of <paramref name="batch"/>.</summary>
    public long GroupFor(long batch) => batch % groupSize == 0 && groupSize <= batch ? groupSize : batch;

    /// <summary>[N, C, H, W] → [N, C+1, H, W].</summary>
    public override Tensor forward(Tensor x)
    {
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        long g = GroupFor(n);
        using var scope = NewDisposeScope();
        var grouped = x.to(ScalarType.Float32).reshape(g, n / g, c, h, w);                 // [G, M, C, H, W]
        var centered = grouped - grouped.mean(new long[] { 0 }, keepdim: true);
        var std = KeptScalar.Add(centered.square().mean(new long[] { 0 }), 1e-8).sqrt();               // [M, C, H, W]
        var perGroup = std.mean(new long[] { 1, 2, 3 });                                   // [M]
        var feature = perGroup.reshape(1, n / g, 1, 1, 1).expand(g, n / g, 1, h, w).reshape(n, 1, h, w).to(x.dtype);
        return cat(new[] { x, feature }, 1).MoveToOuterDisposeScope();
    }
}
