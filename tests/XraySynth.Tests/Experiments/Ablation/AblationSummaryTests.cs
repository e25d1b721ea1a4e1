using XraySynth.Evaluate;
using XraySynth.Experiments.Ablation;
using XraySynth.Tests.Evaluate;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

public sealed class AblationSummaryTests
{
    [Theory]
    [InlineData(BootstrapMethod.Percentile)]
    [InlineData(BootstrapMethod.Bca)]
    public void Summary_numbers_equal_those_recomputed_independently_from_the_stored_predictions(BootstrapMethod method)
    {
        using var temp = new TempDirectory();
        var config = AblationTestData.Config("real-only", "synthetic") with { Baseline = "real-only", BootstrapMethod = method };
        var baseline = new[] { AblationTestData.Cell(11, 0), AblationTestData.Cell(12, 0), AblationTestData.Cell(13, 0) };
        var arm = new[] { AblationTestData.Cell(21, 0.06), AblationTestData.Cell(22, 0.06, reverse: true) }; // seed 3 missing; one stored in another row order
        using var store = ResultStore.Open(temp.File("results.sqlite"));
        AblationTestData.Fill(store, [("real-only", 1, baseline[0]), ("real-only", 2, baseline[1]), ("real-only", 3, baseline[2]),
                                      ("synthetic", 1, arm[0]), ("synthetic", 2, arm[1])]);

        var summary = AblationSummary.Compute(store, config);

        Assert.Equal([AblationPlan.CellId("synthetic", 3)], summary.MissingCells);
        Assert.Equal(["real-only", "synthetic"], summary.Arms);
        var (_, truth, patients) = PerLabelMetricsTests.TestSet(81);
        var armAligned = arm.Select(p => p.Align(baseline[0].ImageIds)).ToArray();
        for (int j = 0; j < 2; j++)
        {
            double Auroc(XraySynth.Classify.Evaluation.Predictions p) { var (s, l, _) = PerLabelMetricsTests.Known(p.Probabilities, truth, j); return Reference.PairwiseAuroc(s, l); }
            double Ap(XraySynth.Classify.Evaluation.Predictions p) { var (s, l, _) = PerLabelMetricsTests.Known(p.Probabilities, truth, j); return Reference.AveragePrecisionPerPositive(s, l); }
            double[] a = [.. baseline.Select(Auroc)], b = [.. armAligned.Select(Auroc)];
            var rowA = summary.Row("real-only", AblationTestData.Labels[j]);
            var rowB = summary.Row("synthetic", AblationTestData.Labels[j]);
            Assert.Equal(a.Average(), rowA.AurocMean, 12);
            Assert.Equal(Math.Sqrt(a.Sum(v => (v - a.Average()) * (v - a.Average())) / 2), rowA.AurocSd, 12);
            Assert.Equal(b.Average(), rowB.AurocMean, 12);
            Assert.Equal(Math.Abs(b[0] - b[1]) / Math.Sqrt(2), rowB.AurocSd, 12);
            Assert.Equal(armAligned.Average(Ap), rowB.AuprcMean, 12);
            Assert.Equal((3, 2), (rowA.Seeds, rowB.Seeds));
            Assert.Null(rowA.AurocGain);

            // Gain and CI: the slow way (gather each replicate, pairwise AUROC), same bootstrap seed and resamples.
            var options = new BootstrapOptions { Resamples = config.Bootstrap, Seed = config.Seeds[0], Method = method };
            Func<int[], double>[] slowA = [.. baseline.Select(p => PerLabelMetricsTests.Gathered(p.Probabilities, truth, j, Reference.PairwiseAuroc))];
            Func<int[], double>[] slowB = [.. armAligned.Select(p => PerLabelMetricsTests.Gathered(p.Probabilities, truth, j, Reference.PairwiseAuroc))];
            var slow = PatientBootstrap.Ci(idx => slowB.Average(f => f(idx)) - slowA.Average(f => f(idx)), patients, options);
            Assert.Equal(b.Average() - a.Average(), rowB.AurocGain!.Estimate, 12);
            Assert.Equal(slow.Lower, rowB.AurocGain.Lower, 12);
            Assert.Equal(slow.Upper, rowB.AurocGain.Upper, 12);
            Assert.Equal(method, rowB.AurocGain.Method);

            // DeLong on each image's seed-averaged probability.
            var (meanA, labels, _) = PerLabelMetricsTests.Known(Mean(baseline), truth, j);
            var (meanB, _, _) = PerLabelMetricsTests.Known(Mean(armAligned), truth, j);
            Assert.Equal(DeLong.Compare(meanA, meanB, labels).PValue, rowB.DeLongP, 12);
        }
        Assert.Equal(MultipleComparisons.Holm([summary.Row("synthetic", "Effusion").DeLongP, summary.Row("synthetic", "Hernia").DeLongP, double.NaN]),
            AblationTestData.Labels.Select(l => summary.Row("synthetic", l).HolmP));
        Assert.False(summary.Row("synthetic", "Effusion").Rare);
        Assert.True(summary.Row("synthetic", "Hernia").Rare);
        Assert.True(summary.Row("synthetic", "Effusion").AurocGain!.Lower > 0, "lifting positives by 0.06 is a clear gain");

        // summary.csv says how its intervals were drawn.
        AblationSummary.WriteCsv(summary, temp.File("summary.csv"));
        var csv = File.ReadAllLines(temp.File("summary.csv"));
        Assert.EndsWith(",ci_method,bootstrap_resamples,bootstrap_seed", csv[0]);
        Assert.All(csv.Skip(1), row => Assert.EndsWith($",{method.ShortName()},{config.Bootstrap},{config.Seeds[0]}", row));
    }

    [Fact]
    public void A_baseline_without_finished_cells_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        using var store = ResultStore.Open(temp.File("results.sqlite"));
        AblationTestData.Fill(store, [("synthetic", 1, AblationTestData.Cell(1, 0))]);
        var error = Assert.Throws<XraySynth.Common.UserError>(() => AblationSummary.Compute(store, AblationTestData.Config("real-only", "synthetic")));
        Assert.Contains("baseline arm 'real-only' has no finished cell", error.Message);
    }

    static double[,] Mean(IReadOnlyList<XraySynth.Classify.Evaluation.Predictions> runs)
    {
        var mean = new double[runs[0].ImageIds.Length, AblationTestData.Labels.Length];
        for (int i = 0; i < mean.GetLength(0); i++)
            for (int j = 0; j < mean.GetLength(1); j++)
                mean[i, j] = runs.Sum(r => r.Probabilities[i, j]) / runs.Count;
        return mean;
    }
}
