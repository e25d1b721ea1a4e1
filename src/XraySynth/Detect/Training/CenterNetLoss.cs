using XraySynth.Detect.Networks;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Detect.Training;

/// <summary>
/// CenterNet's loss: the penalty-reduced pixel focal loss on the heatmaps (α = 2, β = 4; positives are cells whose
/// target is exactly 1; both sums divided by the number of positives) plus L1 on log size and on offset at the
/// centre cells (divided by their number), weighted by <c>sizeWeight</c> and <c>offsetWeight</c>.
/// </summary>
public static class CenterNetLoss
{
    /// <summary>The three terms (scalars, on the maps' device), and their weighted sum.</summary>
    public static (Tensor Total, Tensor Heatmap, Tensor Size, Tensor Offset) Compute(DetectorOutputs outputs,
        (Tensor Heatmap, Tensor Size, Tensor Offset, Tensor Mask) targets, double sizeWeight = 1, double offsetWeight = 1)
    {
        using var scope = NewDisposeScope();
        var logits = outputs.Heatmap.to_type(ScalarType.Float32);
        var logP = -nn.functional.softplus(-logits);                 // log σ(x)
        var logNotP = -nn.functional.softplus(logits);               // log(1 − σ(x))
        var p = logits.sigmoid();
        var positive = targets.Heatmap.eq(1).to_type(ScalarType.Float32);
        var negative = KeptScalar.SubtractFrom(1, positive);
        var negativeWeight = KeptScalar.SubtractFrom(1, targets.Heatmap).square().square();        // (1 − y)^4
        var positiveTerm = KeptScalar.SubtractFrom(1, p).square() * logP * positive;               // (1 − p)^2 log p
        var negativeTerm = p.square() * logNotP * negativeWeight * negative;                       // p^2 log(1 − p) (1 − y)^4
        var count = positive.sum().clamp_min(1);
        var heatmapLoss = -(positiveTerm.sum() + negativeTerm.sum()) / count;

        var centres = targets.Mask.sum().clamp_min(1);
        var sizeLoss = ((outputs.Size.to_type(ScalarType.Float32) - targets.Size).abs() * targets.Mask).sum() / centres;
        var offsetLoss = ((outputs.Offset.to_type(ScalarType.Float32) - targets.Offset).abs() * targets.Mask).sum() / centres;
        var total = heatmapLoss + KeptScalar.Mul(sizeLoss, sizeWeight) + KeptScalar.Mul(offsetLoss, offsetWeight);
        return (total.MoveToOuterDisposeScope(), heatmapLoss.MoveToOuterDisposeScope(), sizeLoss.MoveToOuterDisposeScope(), offsetLoss.MoveToOuterDisposeScope());
    }
}
