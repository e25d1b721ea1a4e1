using XraySynth.Data.Loading;

namespace XraySynth.Tests.Data.Loading;

public sealed class SamplerTests
{
    static readonly int[] Rows = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41];

    [Fact]
    public void Shuffle_visits_every_row_once_per_epoch()
    {
        var sampler = new ShuffleSampler(Rows, seed: 1);
        for (int epoch = 0; epoch < 5; epoch++)
            Assert.Equal(Rows, sampler.Order(epoch).Order());
    }

    [Fact]
    public void Shuffle_order_is_a_function_of_seed_and_epoch()
    {
        var a = new ShuffleSampler(Rows, seed: 1);
        var b = new ShuffleSampler(Rows, seed: 1);
        Assert.Equal(a.Order(7), b.Order(7));                    // resuming at epoch 7 reproduces it
        Assert.NotEqual(a.Order(0), a.Order(1));
        Assert.NotEqual(a.Order(0), new ShuffleSampler(Rows, seed: 2).Order(0));
        Assert.Equal(Rows, new ShuffleSampler(Rows, seed: 1, shuffle: false).Order(3));
    }

    [Fact]
    public void Weighted_frequencies_follow_the_weights()
    {
        int[] rows = [10, 20, 30, 40, 50];
        double[] weights = [1, 2, 3, 4, 0];
        const int draws = 20000;
        var sampler = new WeightedSampler(rows, weights, seed: 3, epochLength: draws);
        int[] order = sampler.Order(0);
        Assert.Equal(draws, order.Length);
        Assert.DoesNotContain(50, order); // weight 0: never drawn
        double chiSquare = 0;
        for (int i = 0; i < 4; i++)
        {
            double expected = draws * weights[i] / 10;
            double observed = order.Count(r => r == rows[i]);
            chiSquare += (observed - expected) * (observed - expected) / expected;
        }
        Assert.True(chiSquare < 16.27, $"chi-square {chiSquare:0.00} with 3 degrees of freedom (p < 0.001 above 16.27)");
    }

    [Fact]
    public void Weighted_draws_repeat_for_the_same_epoch_and_differ_between_epochs()
    {
        var sampler = new WeightedSampler(Rows, Rows.Select(r => (double)r).ToArray(), seed: 9);
        Assert.Equal(Rows.Length, sampler.EpochLength);
        Assert.Equal(sampler.Order(4), new WeightedSampler(Rows, Rows.Select(r => (double)r).ToArray(), seed: 9).Order(4));
        Assert.NotEqual(sampler.Order(4), sampler.Order(5));
    }

    [Fact]
    public void Weighted_rejects_bad_weights()
    {
        Assert.Throws<ArgumentException>(() => new WeightedSampler([1, 2], [1], seed: 0));
        Assert.Throws<ArgumentException>(() => new WeightedSampler([1, 2], [0, 0], seed: 0));
        Assert.Throws<ArgumentException>(() => new WeightedSampler([1, 2], [1, -1], seed: 0));
        Assert.Throws<ArgumentException>(() => new WeightedSampler([1, 2], [1, double.NaN], seed: 0));
    }
}
