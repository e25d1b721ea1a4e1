using XraySynth.Evaluate.Features;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Density and coverage (Naeem et al., ICML 2020), robust versions of precision and recall that use only the real
/// k-NN balls. Density = (1 / kM) Σⱼ (number of real balls containing synthetic point j): ≈ 1 when the sets match, can
/// exceed 1. Coverage = fraction of real points whose ball contains at least one synthetic point. NaN when the real
/// set has ≤ k points.
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
        var inside = NearestNeighbours.CountInside(synthetic, real, realRadii, device);
        double density = inside.Sum(c => (double)c) / ((double)k * synthetic.Rows);
        var (_, nearest) = NearestNeighbours.Nearest(real, synthetic, device);
        double coverage = nearest.Zip(realRadii, (d, r) => d <= r ? 1.0 : 0.0).Average();
        return (density, coverage);
    }
}
