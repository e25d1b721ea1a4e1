using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class SensitivityAtSpecificityTests
{
    static readonly double[] Negatives = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
    static readonly double[] Positives = [0.85, 0.92, 0.97, 0.3, 0.99];

    static (double[] Scores, bool[] Labels) Hand() =>
        ([.. Negatives, .. Positives], [.. Negatives.Select(_ => false), .. Positives.Select(_ => true)]);

    [Fact]
    public void Hand_example_at_ninety_percent()
    {
        // Specificity ≥ 0.9 needs 9 of 10 negatives below the threshold: lowest such threshold is 0.92,
        // where positives 0.92, 0.97, 0.99 are called: sensitivity 3/5.
        var (scores, labels) = Hand();
        var point = SensitivityAtSpecificity.Find(scores, labels, 0.9)!;
        Assert.Equal(new OperatingPoint(0.92, 0.6, 0.9), point);
        Assert.Equal(0.6, SensitivityAtSpecificity.Compute(scores, labels), 15);
    }

    [Fact]
    public void Hand_example_at_eighty_percent_and_at_one()
    {
        var (scores, labels) = Hand();
        // 8 negatives below 0.85; positives ≥ 0.85: 0.85, 0.92, 0.97, 0.99 → 4/5
        Assert.Equal(0.8, SensitivityAtSpecificity.Compute(scores, labels, 0.8), 15);
        // all negatives below: threshold 0.97 → 0.97, 0.99 → 2/5
        Assert.Equal(0.4, SensitivityAtSpecificity.Compute(scores, labels, 1.0), 15);
        // no constraint: threshold at the lowest score calls everything positive
        Assert.Equal(1.0, SensitivityAtSpecificity.Compute(scores, labels, 0.0), 15);
    }

    [Theory]
    [InlineData(21, 0.9)]
    [InlineData(22, 0.75)]
    [InlineData(23, 0.95)]
    public void Equals_a_brute_force_search_over_thresholds_with_ties(int seed, double target)
    {
        var (scores, labels) = Reference.TiedData(seed, 120);
        Assert.Equal(Reference.SensitivityAtSpecificity(scores, labels, target), SensitivityAtSpecificity.Compute(scores, labels, target), 15);
    }

    [Fact]
    public void Is_NaN_with_one_class_only()
    {
        Assert.True(double.IsNaN(SensitivityAtSpecificity.Compute([0.1, 0.2], Reference.Bools(1, 1))));
        Assert.True(double.IsNaN(SensitivityAtSpecificity.Compute([0.1, 0.2], Reference.Bools(0, 0))));
    }
}
