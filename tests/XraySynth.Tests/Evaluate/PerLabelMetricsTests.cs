using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class PerLabelMetricsTests
{
    internal static readonly string[] LabelNames = ["Effusion", "Hernia", "Empty"];

    /// <summary>3 labels over patients with 1–3 images: a common label with tied scores, a rare one, one never positive.</summary>
    internal static (double[,] Scores, double[,] Labels, string[] PatientIds) TestSet(int seed)
    {
        var random = new Random(seed);
        var ids = new List<string>();
        for (int p = 0; p < 50; p++) for (int k = 0; k <= p % 3; k++) ids.Add($"p{p:D3}");
        int n = ids.Count;
        var scores = new double[n, 3];
        var labels = new double[n, 3];
        for (int i = 0; i < n; i++)
        {
            int patient = int.Parse(ids[i][1..], System.Globalization.CultureInfo.InvariantCulture);
            labels[i, 0] = random.NextDouble() < 0.1 ? double.NaN : patient % 4 == 0 ? 1 : 0;
            labels[i, 1] = patient is 3 or 17 or 31 ? 1 : random.NextDouble() < 0.2 ? double.NaN : 0;
            labels[i, 2] = 0;
            for (int j = 0; j < 3; j++)
                scores[i, j] = Math.Round(Math.Clamp(0.3 * random.NextDouble() + (labels[i, j] == 1 ? 0.35 : 0.2) + 0.2 * random.NextDouble(), 0, 1), 2);
        }
        return (scores, labels, [.. ids]);
    }

    internal static (double[] Scores, bool[] Labels, int[] Images) Known(double[,] scores, double[,] labels, int j)
    {
        int[] images = [.. Enumerable.Range(0, labels.GetLength(0)).Where(i => !double.IsNaN(labels[i, j]))];
        return ([.. images.Select(i => scores[i, j])], [.. images.Select(i => labels[i, j] == 1)], images);
    }

    /// <summary>A statistic of a replicate computed the slow way: gather the replicate's known images, then the metric.</summary>
    internal static Func<int[], double> Gathered(double[,] scores, double[,] labels, int j, Func<double[], bool[], double> metric) =>
        idx =>
        {
            int[] known = [.. idx.Where(i => !double.IsNaN(labels[i, j]))];
            return metric([.. known.Select(i => scores[i, j])], [.. known.Select(i => labels[i, j] == 1)]);
        };

    [Fact]
    public void Per_label_metrics_exclude_unknown_labels_and_match_the_slow_bootstrap()
    {
        var (scores, labels, ids) = TestSet(61);
        var options = new BootstrapOptions { Resamples = 300, Seed = 9 };
        var results = PerLabelMetrics.Compute(scores, labels, ids, LabelNames, options);
        Assert.Equal(LabelNames, results.Select(r => r.Label));

        for (int j = 0; j < 2; j++)
        {
            var (s, l, images) = Known(scores, labels, j);
            var r = results[j];
            Assert.Equal(l.Count(x => x), r.Positives);
            Assert.Equal(l.Count(x => !x), r.Negatives);
            Assert.Equal(images.Where(i => labels[i, j] == 1).Select(i => ids[i]).Distinct().Count(), r.PositivePatients);
            Assert.Equal(Reference.PairwiseAuroc(s, l), r.Auroc.Estimate, 12);
            Assert.Equal(Reference.AveragePrecisionPerPositive(s, l), r.Auprc.Estimate, 12);
            Assert.Equal(Reference.SensitivityAtSpecificity(s, l, 0.9), r.SensitivityAtSpecificity90, 12);
            Assert.Equal(CalibrationError.Expected(s, l), r.Ece);

            // The O(N) weighted path gives what gathering each replicate and recomputing gives.
            var slowAuroc = PatientBootstrap.Ci(Gathered(scores, labels, j, Reference.PairwiseAuroc), ids, options);
            var slowAuprc = PatientBootstrap.Ci(Gathered(scores, labels, j, Reference.AveragePrecisionPerPositive), ids, options);
            Assert.Equal((slowAuroc.Lower, slowAuroc.Upper, slowAuroc.NaNResamples), (r.Auroc.Lower, r.Auroc.Upper, r.Auroc.NaNResamples), Close);
            Assert.Equal((slowAuprc.Lower, slowAuprc.Upper, slowAuprc.NaNResamples), (r.Auprc.Lower, r.Auprc.Upper, r.Auprc.NaNResamples), Close);
        }
        Assert.Equal(3, results[1].PositivePatients);
        Assert.True(results[1].Auroc.NaNResamples > 0, "the rare label should lose some replicates to 'no positive'");
        Assert.True(results[1].Auroc.Lower < results[1].Auroc.Upper);

        var empty = results[2];
        Assert.Equal(0, empty.Positives);
        Assert.True(double.IsNaN(empty.Auroc.Estimate) && double.IsNaN(empty.Auroc.Lower) && double.IsNaN(empty.Auprc.Upper));
        Assert.Equal(300, empty.Auroc.NaNResamples);
        Assert.True(double.IsNaN(empty.SensitivityAtSpecificity90));
    }

    static readonly IEqualityComparer<(double, double, int)> Close = EqualityComparer<(double, double, int)>.Create(
        (a, b) => Math.Abs(a.Item1 - b.Item1) < 1e-12 && Math.Abs(a.Item2 - b.Item2) < 1e-12 && a.Item3 == b.Item3);

    [Fact]
    public void Rejects_mismatched_shapes()
    {
        var (scores, labels, ids) = TestSet(62);
        Assert.Throws<ArgumentException>(() => PerLabelMetrics.Compute(scores, labels, ids[1..], LabelNames));
        Assert.Throws<ArgumentException>(() => PerLabelMetrics.Compute(scores, labels, ids, ["only", "two"]));
    }
}
