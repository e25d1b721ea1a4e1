using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Fréchet distance between two Gaussians (FID when the features come from Inception-v3; Heusel et al. 2017):
/// <c>‖μa − μb‖² + tr Σa + tr Σb − 2 tr √(Σa Σb)</c>. The last trace is computed as tr √(√Σa Σb √Σa): the same value
/// (the matrices are similar), but a symmetric PSD matrix, so only symmetric eigen-decompositions are needed and
/// no complex round-off appears. The products and decompositions run in float64 on <see cref="GaussianMoments.Device"/> of <c>a</c>. NaN when either covariance is undefined (fewer than 2 vectors).
/// </summary>
public static class FrechetDistance
{
    /// <summary>The distance between the Gaussians <paramref name="a"/> and <paramref name="b"/> (≥ 0, clamped against round-off).</summary>
    public static double Compute(GaussianMoments a, GaussianMoments b)
    {
        if (a.Mean.Count != b.Mean.Count) throw new ArgumentException($"feature widths differ: {a.Mean.Count} and {b.Mean.Count}", nameof(b));
        if (a.Count < 2 || b.Count < 2) return double.NaN;
        var difference = a.Mean - b.Mean;
        double crossTrace;
        using (var scope = NewDisposeScope())
        {
            var rootA = MatrixSqrt.ToTensor(a.CovarianceSqrt, a.Device);
            var covarianceB = MatrixSqrt.ToTensor(b.Covariance, a.Device);
            crossTrace = MatrixSqrt.Trace(rootA.matmul(covarianceB).matmul(rootA));              // tr √(√Σa Σb √Σa)
        }
        double value = difference.DotProduct(difference) + a.Covariance.Trace() + b.Covariance.Trace() - 2 * crossTrace;
        return Math.Max(value, 0);
    }
}
