using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class MultipleComparisonsTests
{
    [Fact]
    public void Holm_hand_example()
    {
        // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06
        double[] adjusted = MultipleComparisons.Holm([0.01, 0.04, 0.03, 0.005]);
        double[] expected = [0.03, 0.06, 0.06, 0.02];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], adjusted[i], 15);
    }

    [Fact]
    public void Holm_keeps_NaN_and_does_not_count_it()
    {
        double[] adjusted = MultipleComparisons.Holm([0.01, double.NaN, 0.04]);
        Assert.Equal(0.02, adjusted[0], 15);
        Assert.True(double.IsNaN(adjusted[1]));
        Assert.Equal(0.04, adjusted[2], 15);
    }

    [Fact]
    public void Holm_caps_at_one()
    {
        Assert.Equal([1.0, 1.0], MultipleComparisons.Holm([0.5, 0.6]));
        Assert.Empty(MultipleComparisons.Holm([]));
    }

    [Fact]
    public void Holm_matches_a_step_down_brute_force_and_is_monotone()
    {
        var random = new Random(5);
        double[] p = [.. Enumerable.Range(0, 12).Select(_ => Math.Pow(random.NextDouble(), 3))];
        double[] adjusted = MultipleComparisons.Holm(p);
        int k = p.Length;
        for (int i = 0; i < k; i++)
        {
            // adj_i = min(1, max over p_j ≤ p_i of (k − rank_j + 1)·p_j), rank_j = 1 + #{p_l < p_j}
            double brute = p.Where(pj => pj <= p[i]).Max(pj => (k - p.Count(pl => pl < pj)) * pj);
            Assert.Equal(Math.Min(1, brute), adjusted[i], 14);
            Assert.True(adjusted[i] >= p[i]);
            for (int j = 0; j < k; j++)
                if (p[j] <= p[i]) Assert.True(adjusted[j] <= adjusted[i]);
        }
    }
}
