using XraySynth.Evaluate.Features;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Improved precision and recall of a generative model (Kynkäänniemi et al., NeurIPS 2019): each set's manifold is the
/// union of k-NN balls around its points. Precision = fraction of synthetic points inside the real manifold (fidelity);
/// recall = fraction of real points inside the synthetic manifold (diversity). NaN when a set has ≤ k points.
/// </summary>
public static class PrecisionRecall
{
    /// <summary>Precision and recall with <paramref name="k"/>-NN manifolds (k = 3 in the paper; 5 is common).</summary>
    public static (double Precision, double Recall) Compute(FeatureMatrix real, FeatureMatrix synthetic, int k, Device device) =>
        Compute(real, NearestNeighbours.KthDistances(real, k, device), synthetic, NearestNeighbours.KthDistances(synthetic, k, device), device);

    /// <summary>The same with the k-NN radii already computed (one reference set compared with many).</summary>
    public static (double Precision, double Recall) Compute(FeatureMatrix real, double[] realRadii, FeatureMatrix synthetic, double[] syntheticRadii, Device device)
    {
        if (real.Rows == 0 || synthetic.Rows == 0 || realRadii.Any(double.IsNaN) || syntheticRadii.Any(double.IsNaN)) return (double.NaN, double.NaN);
        double precision = NearestNeighbours.CountInside(synthetic, real, realRadii, device).Average(c => c > 0 ? 1.0 : 0.0);
        double recall = NearestNeighbours.CountInside(real, synthetic, syntheticRadii, device).Average(c => c > 0 ? 1.0 : 0.0);
        return (precision, recall);
    }
}
