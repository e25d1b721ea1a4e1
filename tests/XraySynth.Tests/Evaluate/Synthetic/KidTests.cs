using XraySynth.Evaluate.Features;
using XraySynth.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Evaluate.Synthetic;

public class KidTests
{
    /// <summary>Unbiased MMD² with k(x, y) = (x·y/d + 1)³, by the definition: all ordered pairs i ≠ j within, all pairs across.</summary>
    static double ReferenceMmd2(FeatureMatrix x, FeatureMatrix y)
    {
        int m = x.Rows, d = x.Dimension;
        double K(FeatureMatrix a, int i, FeatureMatrix b, int j)
        {
            double dot = 0;
            for (int t = 0; t < d; t++) dot += (double)a.Row(i)[t] * b.Row(j)[t];
            return Math.Pow(dot / d + 1, 3);
        }
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                if (i != j) { xx += K(x, i, x, j); yy += K(y, i, y, j); }
                xy += K(x, i, y, j);
            }
        return (xx + yy) / (m * (m - 1.0)) - 2 * xy / ((double)m * m);
    }

    [Fact]
    public void One_subset_holding_every_point_equals_the_unbiased_MMD_by_definition()
    {
        _ = TorchFixture.Cpu;
        var a = FeatureSets.Gaussian(40, 6, seed: 1);
        var b = FeatureSets.Gaussian(40, 6, seed: 2, shift: 0.3);
        var (mean, sd) = Kid.Compute(a, b, subsets: 1, subsetSize: 1000, seed: 7, CPU);
        Assert.Equal(ReferenceMmd2(a, b), mean, 1e-6);                                        // dot products are float32
        Assert.Equal(0, sd);
    }

    [Fact]
    public void Two_samples_of_one_distribution_average_to_zero()
    {
        _ = TorchFixture.Cpu;
        // Unbiased: over independent sample pairs the estimates centre on 0 (a biased V-statistic would sit clearly above it).
        var estimates = Enumerable.Range(0, 40).Select(s =>
            Kid.Compute(FeatureSets.Gaussian(50, 8, seed: 100 + s), FeatureSets.Gaussian(50, 8, seed: 200 + s), 1, 50, 0, CPU).Mean).ToArray();
        double mean = estimates.Average();
        double standardError = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (estimates.Length - 1) / estimates.Length);
        Assert.True(Math.Abs(mean) < 3 * standardError, $"mean {mean} vs standard error {standardError}");
        var shifted = Kid.Compute(FeatureSets.Gaussian(50, 8, seed: 300), FeatureSets.Gaussian(50, 8, seed: 301, shift: 1), 1, 50, 0, CPU).Mean;
        Assert.True(shifted > mean + 10 * standardError, $"shifted {shifted}");
    }

    [Fact]
    public void Subsets_are_seeded_and_report_a_spread()
    {
        _ = TorchFixture.Cpu;
        var a = FeatureSets.Gaussian(60, 4, seed: 3);
        var b = FeatureSets.Gaussian(80, 4, seed: 4);
        var first = Kid.Compute(a, b, 10, 30, seed: 5, CPU);
        Assert.Equal(first, Kid.Compute(a, b, 10, 30, seed: 5, CPU));
        Assert.True(first.Sd > 0);
        Assert.True(double.IsNaN(Kid.Compute(FeatureSets.Gaussian(1, 4, seed: 6), b, 10, 30, 5, CPU).Mean));
    }
}
