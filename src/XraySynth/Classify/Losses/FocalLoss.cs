using TorchSharp;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Classify.Losses;

/// <summary>
/// Focal loss (Lin et al. 2017) for multi-label logits: <c>−α_t (1 − p_t)^γ log p_t</c>, with
/// <c>p_t = p</c> for positives and <c>1 − p</c> for negatives, <c>α_t = α</c> for positives and <c>1 − α</c> for negatives.
/// Unknown labels (NaN) are masked out; the mean is over known entries.
/// </summary>
public static class FocalLoss
{
    /// <summary>Mean focal loss; <paramref name="alpha"/> in [0,1] (0.25 in the paper), <paramref name="gamma"/> ≥ 0 (2 in the paper).</summary>
    public static Tensor Loss(Tensor logits, Tensor targets, double alpha = 0.25, double gamma = 2)
    {
        using var scope = NewDisposeScope();
        var known = targets.isnan().logical_not();
        var y = targets.nan_to_num(0);
        var logP = -nn.functional.softplus(-logits);          // log σ(x)
        var logNotP = -nn.functional.softplus(logits);        // log(1 − σ(x))
        var notY = KeptScalar.SubtractFrom(1, y);
        var logPt = y * logP + notY * logNotP;
        var pt = logPt.exp();
        var alphaT = KeptScalar.Mul(y, alpha) + KeptScalar.Mul(notY, 1 - alpha);
        using var power = gamma.ToScalar();
        var loss = -alphaT * KeptScalar.SubtractFrom(1, pt).pow(power) * logPt * known;
        return (loss.sum() / known.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }
}
