using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Gan.Layers;

/// <summary>
/// Label embedding for multi-hot label vectors: <c>y · E</c>, the sum of the embeddings of the labels present
/// (a zero vector for "No Finding"), so any combination such as Effusion|Hernia can be asked for. Used as
/// the generator's conditioning input and as the projection discriminator's class vector (Miyato &amp; Koyama 2018).
/// </summary>
public sealed class LabelProjection : nn.Module<Tensor, Tensor>
{
    readonly Parameter embedding;

    /// <summary>Number of labels (input width).</summary>
    public long Labels { get; }

    /// <summary>Creates a [labels × dimension] embedding initialised ~ N(0, 1/dimension).</summary>
    public LabelProjection(long labels, long dimension, Generator? generator = null) : base(nameof(LabelProjection))
    {
        Labels = labels;
        embedding = new Parameter(randn(new[] { labels, dimension }, generator: generator) / Math.Sqrt(dimension));
        RegisterComponents();
    }

    /// <summary>[N, labels] multi-hot → [N, dimension].</summary>
    public override Tensor forward(Tensor y)
    {
        if (y.dim() != 2 || y.shape[1] != Labels)
            throw new ArgumentException($"LabelProjection expects [N, {Labels}] multi-hot labels, got [{string.Join(", ", y.shape)}]");
        using var e = embedding.to(y.dtype);
        return y.matmul(e);
    }
}
