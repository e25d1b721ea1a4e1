using XraySynth.Evaluate.Features;
using XraySynth.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Evaluate.Synthetic;

public class PrecisionRecallTests
{
    /// <summary>Fraction of <paramref name="queries"/> inside some k-NN ball of <paramref name="manifold"/>, by brute force.</summary>
    static double ReferenceCoverage(FeatureMatrix manifold, FeatureMatrix queries, int k)
    {
        var radii = Enumerable.Range(0, manifold.Rows).Select(i => FeatureSets.KthOther(manifold, i, k)).ToArray();
        return Enumerable.Range(0, queries.Rows)
            .Average(q => Enumerable.Range(0, manifold.Rows).Any(i => FeatureSets.Distance(queries, q, manifold, i) <= radii[i]) ? 1.0 : 0.0);
    }

    [Fact]
    public void Identical_sets_have_precision_and_recall_one()
    {
        _ = TorchFixture.Cpu;
        var a = FeatureSets.Gaussian(200, 16, seed: 1);
        Assert.Equal((1.0, 1.0), PrecisionRecall.Compute(a, a, 5, CPU));
    }

    [Fact]
    public void Disjoint_far_sets_have_precision_and_recall_zero()
    {
        _ = TorchFixture.Cpu;
        var real = FeatureSets.Gaussian(200, 16, seed: 1);
        var far = FeatureSets.Gaussian(150, 16, seed: 2, shift: 100);
        Assert.Equal((0.0, 0.0), PrecisionRecall.Compute(real, far, 5, CPU));
    }

    [Fact]
    public void Partly_overlapping_sets_match_a_brute_force_count()
    {
        _ = TorchFixture.Cpu;
        var real = FeatureSets.Gaussian(80, 3, seed: 3);
        var synthetic = FeatureSets.Gaussian(60, 3, seed: 4, shift: 1.5);
        var (precision, recall) = PrecisionRecall.Compute(real, synthetic, 3, CPU);
        Assert.Equal(ReferenceCoverage(real, synthetic, 3), precision, 12);
        Assert.Equal(ReferenceCoverage(synthetic, real, 3), recall, 12);
        Assert.InRange(precision, 0.05, 0.999);
        Assert.InRange(recall, 0.05, 0.999);
    }

    [Fact]
    public void Sets_no_larger_than_k_give_NaN()
    {
        _ = TorchFixture.Cpu;
        var (p, r) = PrecisionRecall.Compute(FeatureSets.Gaussian(5, 3, seed: 5), FeatureSets.Gaussian(50, 3, seed: 6), 5, CPU);
        Assert.True(double.IsNaN(p) && double.IsNaN(r));
    }
}
