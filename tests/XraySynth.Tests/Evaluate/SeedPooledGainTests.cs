using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class SeedPooledGainTests
{
    static double[,] Perturb(double[,] scores, double[,] labels, Random random, double lift)
    {
        var result = (double[,])scores.Clone();
        for (int i = 0; i < result.GetLength(0); i++)
            for (int j = 0; j < result.GetLength(1); j++)
                result[i, j] = Math.Round(Math.Clamp(scores[i, j] + (labels[i, j] == 1 ? lift : 0) + 0.1 * (random.NextDouble() - 0.5), 0, 1), 2);
        return result;
    }

    [Fact]
    public void Gain_is_the_difference_of_seed_averaged_AUROCs_with_the_slow_bootstrap_CI()
    {
        var (scores, labels, ids) = PerLabelMetricsTests.TestSet(81);
        var random = new Random(82);
        double[][,] runsA = [Perturb(scores, labels, random, 0), Perturb(scores, labels, random, 0)];
        double[][,] runsB = [Perturb(scores, labels, random, 0.05), Perturb(scores, labels, random, 0.05), Perturb(scores, labels, random, 0.05)];
        var options = new BootstrapOptions { Resamples = 200, Seed = 3 };

        var gains = SeedPooledGain.Compute(runsA, runsB, labels, ids, PerLabelMetricsTests.LabelNames, options);

        for (int j = 0; j < 2; j++)
        {
            double meanA = runsA.Average(run => { var (s, l, _) = PerLabelMetricsTests.Known(run, labels, j); return Reference.PairwiseAuroc(s, l); });
            double meanB = runsB.Average(run => { var (s, l, _) = PerLabelMetricsTests.Known(run, labels, j); return Reference.PairwiseAuroc(s, l); });
            Assert.Equal(meanA, gains[j].MeanA, 12);
            Assert.Equal(meanB, gains[j].MeanB, 12);
            Assert.Equal(meanB - meanA, gains[j].Gain.Estimate, 12);
            Assert.Equal((2, 3), (gains[j].RunsA, gains[j].RunsB));

            Func<int[], double>[] slowA = [.. runsA.Select(run => PerLabelMetricsTests.Gathered(run, labels, j, Reference.PairwiseAuroc))];
            Func<int[], double>[] slowB = [.. runsB.Select(run => PerLabelMetricsTests.Gathered(run, labels, j, Reference.PairwiseAuroc))];
            var slow = PatientBootstrap.Ci(idx => slowB.Average(f => f(idx)) - slowA.Average(f => f(idx)), ids, options);
            Assert.Equal(slow.Lower, gains[j].Gain.Lower, 12);
            Assert.Equal(slow.Upper, gains[j].Gain.Upper, 12);
            Assert.Equal(slow.NaNResamples, gains[j].Gain.NaNResamples);
        }
        Assert.True(gains[0].Gain.Lower > 0, $"B lifts positives by 0.05 on every run: {gains[0].Gain}");
        Assert.True(double.IsNaN(gains[2].Gain.Estimate));
    }

    [Fact]
    public void Auprc_gain_is_the_difference_of_seed_averaged_average_precisions_with_the_slow_bootstrap_CI()
    {
        var (scores, labels, ids) = PerLabelMetricsTests.TestSet(91);
        var random = new Random(92);
        double[][,] runsA = [Perturb(scores, labels, random, 0), Perturb(scores, labels, random, 0), Perturb(scores, labels, random, 0)];
        double[][,] runsB = [Perturb(scores, labels, random, 0.08), Perturb(scores, labels, random, 0.08)];
        var options = new BootstrapOptions { Resamples = 150, Seed = 5 };

        var gains = SeedPooledGain.Compute(runsA, runsB, labels, ids, PerLabelMetricsTests.LabelNames, options, RankMetric.Auprc);

        for (int j = 0; j < 2; j++)
        {
            double meanA = runsA.Average(run => { var (s, l, _) = PerLabelMetricsTests.Known(run, labels, j); return Reference.AveragePrecisionPerPositive(s, l); });
            double meanB = runsB.Average(run => { var (s, l, _) = PerLabelMetricsTests.Known(run, labels, j); return Reference.AveragePrecisionPerPositive(s, l); });
            Assert.Equal(meanA, gains[j].MeanA, 12);
            Assert.Equal(meanB, gains[j].MeanB, 12);
            Func<int[], double>[] slowA = [.. runsA.Select(run => PerLabelMetricsTests.Gathered(run, labels, j, Reference.AveragePrecisionPerPositive))];
            Func<int[], double>[] slowB = [.. runsB.Select(run => PerLabelMetricsTests.Gathered(run, labels, j, Reference.AveragePrecisionPerPositive))];
            var slow = PatientBootstrap.Ci(idx => slowB.Average(f => f(idx)) - slowA.Average(f => f(idx)), ids, options);
            Assert.Equal(slow.Lower, gains[j].Gain.Lower, 12);
            Assert.Equal(slow.Upper, gains[j].Gain.Upper, 12);
        }
    }
}
