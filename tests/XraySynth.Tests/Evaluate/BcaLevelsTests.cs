using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class BcaLevelsTests
{
    [Fact]
    public void No_bias_and_no_acceleration_give_the_percentile_levels()
    {
        var (lower, upper) = BcaLevels.Levels(0, 0, 0.95);
        Assert.Equal(0.025, lower, 12);
        Assert.Equal(0.975, upper, 12);
    }

    [Fact]
    public void Levels_match_hand_computed_values()
    {
        // z0 = 0.1, a = 0.05: Φ(z0 + (z0 + z_q)/(1 − a(z0 + z_q))), values from Python's statistics.NormalDist.
        var (lower, upper) = BcaLevels.Levels(0.1, 0.05, 0.95);
        Assert.Equal(0.05461007689835956, lower, 10);
        Assert.Equal(0.9917237368688839, upper, 10);
    }

    [Fact]
    public void Bias_correction_counts_replicates_below_the_estimate_and_ties_half()
    {
        double[] replicates = [1, 2, 3, 4];
        Assert.Equal(0, BcaLevels.BiasCorrection(replicates, 2.5), 12);                      // 2 of 4 below
        Assert.Equal(-0.31863936396437514, BcaLevels.BiasCorrection(replicates, 2), 10);     // (1 + ½)/4 = 0.375
        Assert.Equal(-1.1503493803760079, BcaLevels.BiasCorrection(replicates, 0), 10);      // none below: kept at 1/(2·4)
        Assert.Equal(1.1503493803760079, BcaLevels.BiasCorrection(replicates, 9), 10);
        Assert.True(double.IsNaN(BcaLevels.BiasCorrection([], 1)));
    }

    [Fact]
    public void Jackknife_acceleration_of_the_mean_is_the_skewness_formula()
    {
        // For the mean, θ(i) = (n·x̄ − xᵢ)/(n − 1), so θ̄ − θ(i) = (xᵢ − x̄)/(n − 1) and the scale cancels:
        // a = Σ(xᵢ − x̄)³ / (6·(Σ(xᵢ − x̄)²)^{3/2}), computed here from the data directly.
        var random = new Random(3);
        double[] x = [.. Enumerable.Range(0, 25).Select(_ => Math.Exp(Reference.Gaussian(random)))]; // skewed
        double mean = x.Average();
        double expected = x.Sum(v => Math.Pow(v - mean, 3)) / (6 * Math.Pow(x.Sum(v => Math.Pow(v - mean, 2)), 1.5));
        double[] jackknife = [.. x.Select((_, i) => x.Where((_, j) => j != i).Average())];
        Assert.Equal(expected, BcaLevels.Acceleration(jackknife), 12);
        Assert.True(expected > 0.01, $"the data should be skewed: a = {expected}");
    }

    [Fact]
    public void A_NaN_jackknife_value_leaves_the_acceleration_and_the_levels_undefined()
    {
        double[] values = [0.2, 0.5, 0.9, 0.4];
        Assert.True(double.IsFinite(BcaLevels.Acceleration(values)));
        Assert.True(double.IsNaN(BcaLevels.Acceleration([.. values, double.NaN])));
        var (lower, upper) = BcaLevels.Levels(0.1, double.NaN, 0.95);
        Assert.True(double.IsNaN(lower) && double.IsNaN(upper));
        Assert.Equal(0, BcaLevels.Acceleration([0.3]));
        Assert.Equal(0, BcaLevels.Acceleration([0.3, 0.3, 0.3]));
    }
}
