using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class CalibrationErrorTests
{
    [Fact]
    public void Hand_example_with_four_bins()
    {
        // bins [0,¼) [¼,½) [½,¾) [¾,1]:
        //   bin 0: p 0.1 (y0), 0.2 (y1)           → |½ − 0.15| = 0.35, weight 2/8
        //   bin 1: p 0.25 (y0), 0.3 (y0), 0.45 (y1) → |⅓ − ⅓| = 0,     weight 3/8
        //   bin 3: p 0.75 (y1), 1.0 (y1), 0.8 (y0)  → |⅔ − 0.85|,      weight 3/8 → 3·0.18333 = 0.55
        // ECE = (0.7 + 0 + 0.55) / 8 = 0.15625
        double[] p = [0.1, 0.2, 0.25, 0.3, 0.45, 0.75, 1.0, 0.8];
        bool[] y = Reference.Bools(0, 1, 0, 0, 1, 1, 1, 0);
        Assert.Equal(0.15625, CalibrationError.Expected(p, y, bins: 4), 12);
    }

    [Fact]
    public void Is_zero_when_each_bin_matches_its_frequency_and_NaN_when_empty()
    {
        // 15 bins; 0.2 appears 5 times with one positive: calibrated; 0.9 ten times with nine positives: calibrated
        double[] p = [.. Enumerable.Repeat(0.2, 5), .. Enumerable.Repeat(0.9, 10)];
        bool[] y = [true, false, false, false, false, .. Enumerable.Repeat(true, 9), false];
        Assert.Equal(0.0, CalibrationError.Expected(p, y), 12);
        Assert.True(double.IsNaN(CalibrationError.Expected([], [])));
    }

    [Fact]
    public void Single_bin_is_the_gap_between_mean_probability_and_prevalence()
    {
        double[] p = [0.1, 0.5, 0.9, 0.3];
        bool[] y = Reference.Bools(0, 0, 0, 1);
        Assert.Equal(Math.Abs(p.Average() - 0.25), CalibrationError.Expected(p, y, bins: 1), 15);
    }

    [Fact]
    public void Rejects_probabilities_outside_zero_one()
    {
        Assert.Throws<ArgumentException>(() => CalibrationError.Expected([0.5, 1.5], Reference.Bools(0, 1)));
    }
}
