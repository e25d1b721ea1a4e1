using TorchSharp.Modules;
using XraySynth.Gan.Layers;
using static TorchSharp.torch;

namespace XraySynth.Gan.Dcgan;

/// <summary>
/// Conditional DCGAN discriminator with a projection head: stride-2 convs with LeakyReLU (BatchNorm after the
/// first) down to 4×4, global sum pooling to a feature vector h, then logit = w·h + &lt;embed(y), h&gt;.
/// </summary>
public sealed class DcganDiscriminator : nn.Module
{
    readonly Sequential body;
    readonly Linear output;
    readonly LabelProjection labels;

    /// <summary>The architecture it was built from.</summary>
    public DcganArchitecture Architecture { get; }

    /// <summary>Builds the discriminator for <paramref name="labelCount"/> labels.</summary>
    public DcganDiscriminator(DcganArchitecture architecture, long labelCount) : base(nameof(DcganDiscriminator))
    {
        Architecture = architecture;
        long channels = architecture.DiscriminatorFeatures;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("from_image", nn.Conv2d(1, channels, 4, 2, 1, bias: false)),
            ("from_image_lrelu", nn.LeakyReLU(0.2)),
        };
        for (int level = 1; level < architecture.Levels; level++)
        {
            layers.Add(($"down{level}", nn.Conv2d(channels, channels * 2, 4, 2, 1, bias: false)));
            layers.Add(($"down{level}_bn", nn.BatchNorm2d(channels * 2)));
            layers.Add(($"down{level}_lrelu", nn.LeakyReLU(0.2)));
            channels *= 2;
        }
        body = nn.Sequential(layers);
        output = nn.Linear(channels, 1);
        labels = new LabelProjection(labelCount, channels);
        RegisterComponents();
        DcganInit.Apply(this); // after registration: named_modules() only sees registered children
    }

    /// <summary>[N, 1, r, r] images and [N, labels] multi-hot → [N] logits.</summary>
    public Tensor Score(Tensor images, Tensor condition)
    {
        int r = Architecture.Resolution;
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != r || images.shape[3] != r)
            throw new ArgumentException($"images must be [N, 1, {r}, {r}], got [{string.Join(", ", images.shape)}]");
        using var scope = NewDisposeScope();
        var h = body.forward(images).mean(new long[] { 2, 3 });                                // [N, C]
        var logit = output.forward(h).squeeze(1);                                              // [N]
        var projection = (labels.forward(condition.to(h.dtype)) * h).sum(1);                   // [N]
        return (logit + projection).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
