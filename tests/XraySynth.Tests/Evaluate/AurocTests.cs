using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class AurocTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 57)]
    [InlineData(3, 200)]
    [InlineData(4, 9)]
    public void Equals_the_pairwise_count_with_ties_as_one_half(int seed, int n)
    {
        var (scores, labels) = Reference.TiedData(seed, n);
        Assert.Contains(labels, l => l);
        Assert.Contains(labels, l => !l);
        Assert.True(scores.Distinct().Count() < n / 2 || n < 20, "the data should have many ties");
        Assert.Equal(Reference.PairwiseAuroc(scores, labels), Auroc.Compute(scores, labels), 12);
    }

    [Fact]
    public void Hand_example_with_a_tie()
    {
        // positives 0.8, 0.5; negatives 0.5, 0.2: pairs (0.8>0.5)=1, (0.8>0.2)=1, (0.5=0.5)=½, (0.5>0.2)=1 → 3.5/4
        Assert.Equal(0.875, Auroc.Compute([0.8, 0.5, 0.5, 0.2], Reference.Bools(1, 1, 0, 0)), 15);
    }

    [Fact]
    public void Is_NaN_with_one_class_only()
    {
        Assert.True(double.IsNaN(Auroc.Compute([0.1, 0.2, 0.3], Reference.Bools(1, 1, 1))));
        Assert.True(double.IsNaN(Auroc.Compute([0.1, 0.2, 0.3], Reference.Bools(0, 0, 0))));
        Assert.True(double.IsNaN(Auroc.Compute([], [])));
    }

    [Fact]
    public void Perfect_ranking_gives_one_reversed_gives_zero_all_tied_gives_one_half()
    {
        bool[] labels = Reference.Bools(0, 0, 1, 1, 1);
        Assert.Equal(1.0, Auroc.Compute([0.1, 0.2, 0.3, 0.4, 0.5], labels));
        Assert.Equal(0.0, Auroc.Compute([0.5, 0.4, 0.3, 0.2, 0.1], labels));
        Assert.Equal(0.5, Auroc.Compute([0.7, 0.7, 0.7, 0.7, 0.7], labels));
    }

    [Fact]
    public void Rejects_NaN_scores_and_mismatched_lengths()
    {
        Assert.Throws<ArgumentException>(() => Auroc.Compute([0.1, double.NaN], Reference.Bools(0, 1)));
        Assert.Throws<ArgumentException>(() => Auroc.Compute([0.1, 0.2], Reference.Bools(0)));
    }
}
