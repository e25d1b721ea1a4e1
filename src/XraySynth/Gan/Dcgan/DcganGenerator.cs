using TorchSharp.Modules;
using XraySynth.Gan.Layers;
using static TorchSharp.torch;

namespace XraySynth.Gan.Dcgan;

/// <summary>
/// Conditional DCGAN generator: [latent ‖ label embedding] → 4×4 by a transposed conv, then stride-2 transposed
/// convs with BatchNorm and ReLU, halving the feature maps at each doubling, and a final tanh image in [-1, 1].
/// </summary>
public sealed class DcganGenerator : nn.Module
{
    readonly LabelProjection labels;
    readonly Sequential body;

    /// <summary>The architecture it was built from.</summary>
    public DcganArchitecture Architecture { get; }

    /// <summary>Builds the generator for <paramref name="labelCount"/> labels.</summary>
    public DcganGenerator(DcganArchitecture architecture, long labelCount) : base(nameof(DcganGenerator))
    {
        Architecture = architecture;
        labels = new LabelProjection(labelCount, architecture.LabelEmbedding);
        int levels = architecture.Levels;
        long channels = architecture.GeneratorFeatures << (levels - 1);            // at 4×4
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("project", nn.ConvTranspose2d(architecture.LatentSize + architecture.LabelEmbedding, channels, 4, 1, 0, bias: false)),
            ("project_bn", nn.BatchNorm2d(channels)),
            ("project_relu", nn.ReLU()),
        };
        for (int level = 1; level < levels; level++)
        {
            layers.Add(($"up{level}", nn.ConvTranspose2d(channels, channels / 2, 4, 2, 1, bias: false)));
            layers.Add(($"up{level}_bn", nn.BatchNorm2d(channels / 2)));
            layers.Add(($"up{level}_relu", nn.ReLU()));
            channels /= 2;
        }
        layers.Add(("to_image", nn.ConvTranspose2d(channels, 1, 4, 2, 1, bias: false)));
        layers.Add(("tanh", nn.Tanh()));
        body = nn.Sequential(layers);
        RegisterComponents();
        DcganInit.Apply(this); // after registration: named_modules() only sees registered children
    }

    /// <summary>[N, latent] and [N, labels] multi-hot → [N, 1, r, r] in [-1, 1].</summary>
    public Tensor Generate(Tensor latent, Tensor condition)
    {
        if (latent.dim() != 2 || latent.shape[1] != Architecture.LatentSize)
            throw new ArgumentException($"latent must be [N, {Architecture.LatentSize}], got [{string.Join(", ", latent.shape)}]");
        using var scope = NewDisposeScope();
        var e = labels.forward(condition.to(latent.dtype));                                   // [N, E]
        var h = cat(new[] { latent, e }, 1).reshape(latent.shape[0], -1, 1, 1);               // [N, Z+E, 1, 1]
        return body.forward(h).MoveToOuterDisposeScope();                                     // [N, 1, r, r]
    }
}
