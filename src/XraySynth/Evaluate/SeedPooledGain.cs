namespace XraySynth.Evaluate;

/// <summary>
/// "Gain over real-only with a 95% CI pooled over seeds": per label, the seed-averaged AUROC (or AUPRC) of
/// configuration B (e.g. with synthetic data) minus that of configuration A (real only), all runs scored on the same
/// test images. Each bootstrap replicate resamples patients once and recomputes every run's metric on it, so the CI
/// reflects test-set sampling of the seed-averaged gain (seed-to-seed spread enters only through the average).
/// </summary>
public static class SeedPooledGain
{
    /// <summary>
    /// Gains per label from <paramref name="runsA"/> and <paramref name="runsB"/> (each an N×L score matrix, one per seed;
    /// the counts may differ) against <paramref name="labels"/> (N×L, 1/0, NaN = unknown), for <paramref name="metric"/>.
    /// </summary>
    public static IReadOnlyList<LabelGain> Compute(IReadOnlyList<double[,]> runsA, IReadOnlyList<double[,]> runsB, double[,] labels,
        string[] patientIds, IReadOnlyList<string> labelNames, BootstrapOptions? options = null, RankMetric metric = RankMetric.Auroc)
    {
        ArgumentNullException.ThrowIfNull(runsA);
        ArgumentNullException.ThrowIfNull(runsB);
        if (runsA.Count == 0 || runsB.Count == 0) throw new ArgumentException("each configuration needs at least one run");
        LabelMatrix.CheckShapes(patientIds, labelNames, labels, [.. runsA, .. runsB]);
        options ??= new BootstrapOptions();
        int n = patientIds.Length;
        var gains = new List<LabelGain>(labelNames.Count);
        for (int j = 0; j < labelNames.Count; j++)
        {
            double[] labelColumn = LabelMatrix.Column(labels, j);
            RankedScores[] rankedA = [.. runsA.Select(run => new RankedScores(LabelMatrix.Column(run, j), labelColumn))];
            RankedScores[] rankedB = [.. runsB.Select(run => new RankedScores(LabelMatrix.Column(run, j), labelColumn))];
            double MeanMetric(RankedScores[] runs, int[] counts) =>
                runs.Average(r => metric == RankMetric.Auroc ? r.Auroc(counts) : r.AveragePrecision(counts));

            BootstrapCi gain = PatientBootstrap.Ci(indices =>
            {
                int[] counts = LabelMatrix.Counts(indices, n);
                return MeanMetric(rankedB, counts) - MeanMetric(rankedA, counts);
            }, patientIds, options);

            int[] all = [.. Enumerable.Repeat(1, n)];
            int positives = labelColumn.Count(v => v == 1.0), negatives = labelColumn.Count(v => v == 0.0);
            gains.Add(new LabelGain(labelNames[j], positives, negatives, MeanMetric(rankedA, all), MeanMetric(rankedB, all), gain, runsA.Count, runsB.Count));
        }
        return gains;
    }
}
