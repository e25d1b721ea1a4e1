using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Classify.Losses;

/// <summary>
/// Multi-label binary cross-entropy on logits, optionally class-weighted: positives of label l count
/// <c>pos_weight[l]</c> times (PyTorch's BCEWithLogitsLoss(pos_weight)); unknown labels (NaN) are masked out.
/// </summary>
public static class WeightedBce
{
    /// <summary>Mean loss over known (image, label) entries; <paramref name="posWeight"/> [L] or null.</summary>
    public static Tensor Loss(Tensor logits, Tensor targets, Tensor? posWeight = null)
    {
        using var scope = NewDisposeScope();
        var known = targets.isnan().logical_not();
        var y = targets.nan_to_num(0);
        // log σ(x) = −softplus(−x); log(1 − σ(x)) = −softplus(x)
        var positive = nn.functional.softplus(-logits) * y;
        if (posWeight is not null) positive = positive * posWeight.reshape(1, -1);
        var negative = nn.functional.softplus(logits) * KeptScalar.SubtractFrom(1, y);
        var loss = (positive + negative) * known;
        return (loss.sum() / known.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }
}
