using XraySynth.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Detect.Networks;

/// <summary>
/// A small top-down feature pyramid (Lin et al. 2017) ending at stride 4: 1×1 lateral convolutions bring C2 … C5 to
/// <c>F</c> channels; from C5 down, each level is upsampled ×2 (nearest) and added to the next lateral; a 3×3 conv
/// with BN and ReLU smooths the stride-4 sum, which the CenterNet heads read.
/// </summary>
public sealed class FeaturePyramid : nn.Module<Tensor[], Tensor>
{
    readonly ModuleList<CastConv2d> lateral;
    readonly CastConv2d smooth;
    readonly BatchNorm2d norm;

    /// <summary>Channels of the output.</summary>
    public long Channels { get; }

    /// <summary>Creates the pyramid for inputs of <paramref name="inputChannels"/> (strides 4 … 32) and <paramref name="channels"/> outputs.</summary>
    public FeaturePyramid(long[] inputChannels, long channels) : base(nameof(FeaturePyramid))
    {
        lateral = new ModuleList<CastConv2d>(inputChannels.Select(c => CastConv2d.Create(c, channels, 1)).ToArray());
        smooth = CastConv2d.Create(channels, channels, 3, padding: 1, bias: false);
        norm = nn.BatchNorm2d(channels);
        Channels = channels;
        RegisterComponents();
    }

    /// <summary>The stride-4 map <c>[N, F, H/4, W/4]</c> of the backbone outputs C2 … C5.</summary>
    public override Tensor forward(Tensor[] features)
    {
        if (features.Length != lateral.Count) throw new ArgumentException($"expected {lateral.Count} feature maps, got {features.Length}", nameof(features));
        using var scope = NewDisposeScope();
        var p = lateral[^1].forward(features[^1]);                                                  // [N, F, H/32, W/32]
        for (int level = features.Length - 2; level >= 0; level--)
        {
            var up = nn.functional.interpolate(p, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest); // [N, F, 2h, 2w]
            p = up + lateral[level].forward(features[level]);                                       // down to [N, F, H/4, W/4]
        }
        return nn.functional.relu(norm.forward(smooth.forward(p))).MoveToOuterDisposeScope();
    }
}
