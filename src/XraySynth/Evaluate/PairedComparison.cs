namespace XraySynth.Evaluate;

/// <summary>Per-label comparison of two classifiers (e.g. real-only vs with synthetic data) on the same test images.</summary>
public static class PairedComparison
{
    /// <summary>
    /// For each label: AUROC of A and B, the difference B − A with a paired patient-bootstrap CI (both classifiers on the
    /// same resampled patients), DeLong's p-value and its Holm adjustment across labels. Labels are 1/0, NaN = unknown.
    /// </summary>
    public static IReadOnlyList<LabelComparison> Compute(double[,] scoresA, double[,] scoresB, double[,] labels, string[] patientIds,
        IReadOnlyList<string> labelNames, BootstrapOptions? options = null)
    {
        LabelMatrix.CheckShapes(patientIds, labelNames, labels, scoresA, scoresB);
        options ??= new BootstrapOptions();
        int n = patientIds.Length;
        var rows = new List<(string Label, int Positives, int Negatives, BootstrapCi Difference, DeLongComparison DeLong)>();
        for (int j = 0; j < labelNames.Count; j++)
        {
            double[] labelColumn = LabelMatrix.Column(labels, j);
            double[] columnA = LabelMatrix.Column(scoresA, j), columnB = LabelMatrix.Column(scoresB, j);
            (double[] knownA, bool[] knownLabels) = KnownLabels.Select(columnA, labelColumn);
            (double[] knownB, _) = KnownLabels.Select(columnB, labelColumn);
            var rankedA = new RankedScores(columnA, labelColumn);
            var rankedB = new RankedScores(columnB, labelColumn);

            BootstrapCi difference = PatientBootstrap.Ci(indices =>
            {
                int[] counts = LabelMatrix.Counts(indices, n);
                return rankedB.Auroc(counts) - rankedA.Auroc(counts);
            }, patientIds, options);
            int positives = ScoreInputs.Positives(knownLabels);
            rows.Add((labelNames[j], positives, knownLabels.Length - positives, difference, DeLong.Compare(knownA, knownB, knownLabels)));
        }

        double[] holm = MultipleComparisons.Holm([.. rows.Select(r => r.DeLong.PValue)]);
        return [.. rows.Select((r, j) => new LabelComparison(r.Label, r.Positives, r.Negatives, r.DeLong.AucA, r.DeLong.AucB, r.Difference, r.DeLong, holm[j]))];
    }
}
