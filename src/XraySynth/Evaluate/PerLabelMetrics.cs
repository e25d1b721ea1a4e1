namespace XraySynth.Evaluate;

/// <summary>Per-label metrics of one classifier on a test set, with patient-bootstrap CIs.</summary>
public static class PerLabelMetrics
{
    /// <summary>
    /// Metrics for each of the L labels from <paramref name="scores"/> (N×L predicted probabilities) and
    /// <paramref name="labels"/> (N×L, 1/0, NaN = unknown: excluded for that label only). Every label's CIs use the same
    /// resampled patient sets (one seed), drawn over all N images' patients. Scores must be probabilities in [0, 1]
    /// (ECE rejects others); AUROC, AUPRC and sensitivity use only their order.
    /// </summary>
    public static IReadOnlyList<LabelMetrics> Compute(double[,] scores, double[,] labels, string[] patientIds,
        IReadOnlyList<string> labelNames, BootstrapOptions? options = null)
    {
        LabelMatrix.CheckShapes(patientIds, labelNames, labels, scores);
        options ??= new BootstrapOptions();
        int n = patientIds.Length;
        var results = new List<LabelMetrics>(labelNames.Count);
        for (int j = 0; j < labelNames.Count; j++)
        {
            double[] scoreColumn = LabelMatrix.Column(scores, j);
            double[] labelColumn = LabelMatrix.Column(labels, j);
            (double[] knownScores, bool[] knownLabels) = KnownLabels.Select(scoreColumn, labelColumn);
            var ranked = new RankedScores(scoreColumn, labelColumn);
            int positives = ScoreInputs.Positives(knownLabels);

            results.Add(new LabelMetrics(
                labelNames[j], positives, knownLabels.Length - positives, LabelMatrix.PositivePatients(labelColumn, patientIds),
                PatientBootstrap.Ci(indices => ranked.Auroc(LabelMatrix.Counts(indices, n)), patientIds, options),
                PatientBootstrap.Ci(indices => ranked.AveragePrecision(LabelMatrix.Counts(indices, n)), patientIds, options),
                SensitivityAtSpecificity.Compute(knownScores, knownLabels, 0.9),
                CalibrationError.Expected(knownScores, knownLabels)));
        }
        return results;
    }
}
