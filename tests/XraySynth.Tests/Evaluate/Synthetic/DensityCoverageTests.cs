using XraySynth.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Evaluate.Synthetic;

public class DensityCoverageTests
{
    [Fact]
    public void Density_and_coverage_match_their_definitions_by_brute_force()
    {
        _ = TorchFixture.Cpu;
        var real = FeatureSets.Gaussian(70, 4, seed: 1);
        var synthetic = FeatureSets.Gaussian(50, 4, seed: 2, shift: 0.5);
        const int k = 5;
        var radii = Enumerable.Range(0, real.Rows).Select(i => FeatureSets.KthOther(real, i, k)).ToArray();
        double density = Enumerable.Range(0, synthetic.Rows)
            .Sum(j => Enumerable.Range(0, real.Rows).Count(i => FeatureSets.Distance(synthetic, j, real, i) < radii[i])) / (double)(k * synthetic.Rows);
        double coverage = Enumerable.Range(0, real.Rows)
            .Average(i => Enumerable.Range(0, synthetic.Rows).Min(j => FeatureSets.Distance(real, i, synthetic, j)) < radii[i] ? 1.0 : 0.0);
        var result = DensityCoverage.Compute(real, synthetic, k, CPU);
        Assert.Equal(density, result.Density, 12);
        Assert.Equal(coverage, result.Coverage, 12);
    }

    [Fact]
    public void Identical_sets_are_fully_covered_and_far_sets_not_at_all()
    {
        _ = TorchFixture.Cpu;
        var real = FeatureSets.Gaussian(200, 8, seed: 3);
        var same = DensityCoverage.Compute(real, real, 5, CPU);
        Assert.Equal(1.0, same.Coverage);
        Assert.InRange(same.Density, 0.8, 1.4);
        Assert.Equal((0.0, 0.0), DensityCoverage.Compute(real, FeatureSets.Gaussian(100, 8, seed: 4, shift: 50), 5, CPU));
    }
}
