using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class PairedComparisonTests
{
    [Fact]
    public void Per_label_comparison_matches_DeLong_Holm_and_the_slow_paired_bootstrap()
    {
        var (scoresA, labels, ids) = PerLabelMetricsTests.TestSet(71);
        var random = new Random(72);
        var scoresB = (double[,])scoresA.Clone();
        for (int i = 0; i < scoresB.GetLength(0); i++)
            for (int j = 0; j < 3; j++)
                scoresB[i, j] = Math.Round(Math.Clamp(scoresA[i, j] + (labels[i, j] == 1 ? 0.05 : 0) + 0.1 * (random.NextDouble() - 0.5), 0, 1), 2);
        var options = new BootstrapOptions { Resamples = 250, Seed = 5 };

        var rows = PairedComparison.Compute(scoresA, scoresB, labels, ids, PerLabelMetricsTests.LabelNames, options);

        var p = new double[3];
        for (int j = 0; j < 3; j++)
        {
            var (a, l, _) = PerLabelMetricsTests.Known(scoresA, labels, j);
            var (b, _, _) = PerLabelMetricsTests.Known(scoresB, labels, j);
            var delong = DeLong.Compare(a, b, l);
            p[j] = delong.PValue;
            Assert.Equal(delong, rows[j].DeLong);
            Assert.Equal((l.Count(x => x), l.Count(x => !x)), (rows[j].Positives, rows[j].Negatives));
            if (j == 2) continue;
            Assert.Equal(Reference.PairwiseAuroc(a, l), rows[j].AurocA, 12);
            Assert.Equal(Reference.PairwiseAuroc(b, l), rows[j].AurocB, 12);

            var slow = PatientBootstrap.Difference(
                PerLabelMetricsTests.Gathered(scoresA, labels, j, Reference.PairwiseAuroc),
                PerLabelMetricsTests.Gathered(scoresB, labels, j, Reference.PairwiseAuroc), ids, options.Resamples, options.Level, options.Seed);
            Assert.Equal(slow.Estimate, rows[j].Difference.Estimate, 12);
            Assert.Equal(slow.Lower, rows[j].Difference.Lower, 12);
            Assert.Equal(slow.Upper, rows[j].Difference.Upper, 12);
            Assert.Equal(slow.NaNResamples, rows[j].Difference.NaNResamples);
        }

        // Holm over the two labels with a p-value (the empty label's NaN does not count): k = 2
        Assert.True(double.IsNaN(p[2]) && double.IsNaN(rows[2].HolmP));
        double low = Math.Min(p[0], p[1]), high = Math.Max(p[0], p[1]);
        double adjustedLow = Math.Min(1, 2 * low), adjustedHigh = Math.Max(adjustedLow, high);
        Assert.Equal(p[0] <= p[1] ? adjustedLow : adjustedHigh, rows[0].HolmP, 14);
        Assert.Equal(p[0] <= p[1] ? adjustedHigh : adjustedLow, rows[1].HolmP, 14);
        Assert.True(rows[0].Difference.Estimate > 0, "B was built to rank positives higher");
    }
}
