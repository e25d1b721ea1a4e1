using XraySynth.Evaluate.Features;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Density and coverage (Naeem et al., ICML 2020), robust versions of precision and recall that use only the real
/// k-NN balls. Density = (1 / kM) Σⱼ (number of real balls containing synthetic point j): ≈ 1 when the sets match, can
/// exceed 1. Coverage = fraction of real points whose ball contains at least one synthetic point. NaN when the real
/// set has ≤ k points. As in the authors' code (clovaai/generative-evaluation-prdc, <c>compute_prdc</c>) the balls are
/// open: a point counts when its distance is strictly below the radius. With closed balls a synthetic copy of the real
/// set would score density about (k + 1) / k (each ball holding its centre and its k nearest neighbours) where prdc
/// gives about 1, and duplicate real points (radius 0) would count their copies. Precision and recall keep closed
/// balls (≤), as Kynkäänniemi et al.'s, StyleGAN2-ADA's and torch-fidelity's code do.
/// </summary>
public static class DensityCoverage
{
    /// <summary>Density and coverage with <paramref name="k"/>-NN balls around the real points (k = 5 in the paper).</summary>
    public static (double Density, double Coverage) Compute(FeatureMatrix real, FeatureMatrix synthetic, int k, Device device) =>
        Compute(real, NearestNeighbours.KthDistances(real, k, device), synthetic, k, device);

    /// <summary>The same with the real k-NN radii already computed.</summary>
    public static (double Density, double Coverage) Compute(FeatureMatrix real, double[] realRadii, FeatureMatrix synthetic, int k, Device device)
    {
        if (real.Rows == 0 || synthetic.Rows == 0 || realRadii.Any(double.IsNaN)) return (double.NaN, double.NaN);
        var inside = NearestNeighbours.CountInside(synthetic, real, realRadii, device, strict: true);
        double density = inside.Sum(c => (double)c) / ((double)k * synthetic.Rows);
        double coverage = NearestNeighbours.CountPerBall(real, realRadii, synthetic, device, strict: true).Average(c => c > 0 ? 1.0 : 0.0);
        return (density, coverage);
    }
}
