using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class AuprcTests
{
    [Fact]
    public void Scikit_learn_documented_example_is_five_sixths()
    {
        // sklearn average_precision_score docs: y_true [0,0,1,1], scores [0.1,0.4,0.35,0.8] → 0.83.
        // By hand: 0.8 (pos) P=1 R=½; 0.4 (neg); 0.35 (pos) P=⅔ R=1 → ½·1 + ½·⅔ = 5/6.
        Assert.Equal(5.0 / 6.0, Auprc.Compute([0.1, 0.4, 0.35, 0.8], Reference.Bools(0, 0, 1, 1)), 15);
    }

    [Fact]
    public void Tied_scores_form_one_threshold()
    {
        // 0.9 (pos); then 0.5 holds one pos and one neg as one threshold: P = 2/3, R = 1 → ½·1 + ½·⅔ = 5/6,
        // whichever order the tied cases come in (not 1 as "pos before neg" would give, nor ½·1+½·½ "neg first").
        Assert.Equal(5.0 / 6.0, Auprc.Compute([0.9, 0.5, 0.5, 0.1], Reference.Bools(1, 1, 0, 0)), 15);
        Assert.Equal(5.0 / 6.0, Auprc.Compute([0.9, 0.5, 0.5, 0.1], Reference.Bools(1, 0, 1, 0)), 15);
    }

    [Theory]
    [InlineData(11, 40)]
    [InlineData(12, 77)]
    [InlineData(13, 150)]
    public void Equals_an_independent_per_positive_precision_average(int seed, int n)
    {
        var (scores, labels) = Reference.TiedData(seed, n, positiveRate: 0.3);
        Assert.Equal(Reference.AveragePrecisionPerPositive(scores, labels), Auprc.Compute(scores, labels), 12);
    }

    [Fact]
    public void Is_NaN_without_positives_and_one_when_positives_lead()
    {
        Assert.True(double.IsNaN(Auprc.Compute([0.1, 0.2], Reference.Bools(0, 0))));
        Assert.Equal(1.0, Auprc.Compute([0.1, 0.2, 0.9], Reference.Bools(0, 0, 1)));
        Assert.Equal(1.0, Auprc.Compute([0.3, 0.3], Reference.Bools(1, 1)));
    }
}
