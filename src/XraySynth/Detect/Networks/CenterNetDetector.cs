using TorchSharp.Modules;
using XraySynth.Classify.Networks;
using static TorchSharp.torch;

namespace XraySynth.Detect.Networks;

/// <summary>
/// A single-stage anchor-free detector in the CenterNet style (Zhou et al. 2019, "Objects as Points"): a ResNet-18
/// layout backbone, a small FPN to stride 4, and three heads: a per-class centre heatmap (focal loss), the box size
/// (log width and height, L1) and the centre's sub-cell offset (L1). Decoding takes heatmap peaks (3×3 max) as
/// box centres; see <see cref="CenterNetDecoder"/>.
/// </summary>
public sealed class CenterNetDetector : nn.Module<Tensor, DetectorOutputs>
{
    /// <summary>Output stride of the maps.</summary>
    public const int Stride = 4;

    readonly DetectorBackbone backbone;
    readonly FeaturePyramid neck;
    readonly CenterHead heatmap;
    readonly CenterHead size;
    readonly CenterHead offset;

    /// <summary>Number of classes (heatmap channels).</summary>
    public int Classes { get; }

    /// <summary>Creates the detector for <paramref name="classes"/> classes; <paramref name="width"/> 64 gives ResNet-18's backbone.</summary>
    /// <param name="classes">Detection classes.</param>
    /// <param name="width">Channels of the first backbone stage.</param>
    /// <param name="pyramidChannels">Channels of the FPN and heads.</param>
    public CenterNetDetector(int classes, int width = 64, int pyramidChannels = 64) : base(nameof(CenterNetDetector))
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "expected at least one class");
        Classes = classes;
        backbone = new DetectorBackbone(width);
        neck = new FeaturePyramid(backbone.Channels, pyramidChannels);
        heatmap = new CenterHead(pyramidChannels, classes);
        size = new CenterHead(pyramidChannels, 2);
        offset = new CenterHead(pyramidChannels, 2);
        RegisterComponents();
        ClassifierInit.Apply(this);
        // Heads start small; the heatmap at the focal-loss prior (Lin et al. 2017): every centre probability near 0.1.
        heatmap.ResetOutput(-2.19);
        size.ResetOutput(0);
        offset.ResetOutput(0);
    }

    /// <summary>
    /// <c>[N, 1, H, W]</c> in [−1, 1] (H, W multiples of 32) → fp32 maps at <c>H/4 × W/4</c>; a bfloat16 input runs the
    /// network in bfloat16 on its fp32 weights (mixed precision) and the maps are cast back, so the loss runs in fp32.
    /// </summary>
    public override DetectorOutputs forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var features = neck.forward(backbone.forward(x));                      // [N, F, H/4, W/4]
        return new DetectorOutputs(
            Fp32(heatmap.forward(features)).MoveToOuterDisposeScope(),         // [N, C, H/4, W/4]
            Fp32(size.forward(features)).MoveToOuterDisposeScope(),            // [N, 2, H/4, W/4]
            Fp32(offset.forward(features)).MoveToOuterDisposeScope());         // [N, 2, H/4, W/4]
    }

    static Tensor Fp32(Tensor map) => map.dtype == ScalarType.Float32 ? map : map.to(ScalarType.Float32);
}
