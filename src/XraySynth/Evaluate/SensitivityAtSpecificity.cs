namespace XraySynth.Evaluate;

/// <summary>
/// Sensitivity at a required specificity. Candidate thresholds are the distinct scores and +∞; a case is called
/// positive when score ≥ threshold. Among the thresholds whose specificity is ≥ the target (up to 1e-12 for
/// round-off), the one with the largest sensitivity is taken — the lowest such threshold, as sensitivity
/// only falls and specificity only rises with the threshold. No interpolation between ROC points.
/// </summary>
public static class SensitivityAtSpecificity
{
    /// <summary>The largest sensitivity with specificity ≥ <paramref name="specificity"/>; NaN when a class is missing.</summary>
    public static double Compute(double[] scores, bool[] labels, double specificity = 0.9) =>
        Find(scores, labels, specificity)?.Sensitivity ?? double.NaN;

    /// <summary>The operating point behind <see cref="Compute"/>; null when a class is missing.</summary>
    public static OperatingPoint? Find(double[] scores, bool[] labels, double specificity = 0.9)
    {
        ScoreInputs.Check(scores, labels);
        if (!(specificity >= 0 && specificity <= 1))
            throw new ArgumentOutOfRangeException(nameof(specificity), specificity, "specificity must lie in [0, 1]");
        int positives = ScoreInputs.Positives(labels);
        int negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0) return null;

        var keys = (double[])scores.Clone();
        var isPositive = (bool[])labels.Clone();
        Array.Sort(keys, isPositive); // ascending score

        // Walk thresholds upward: at threshold keys[start], everything below start is called negative.
        int negativesBelow = 0, positivesBelow = 0, start = 0;
        while (start < keys.Length)
        {
            double spec = (double)negativesBelow / negatives;
            if (spec >= specificity - 1e-12)
                return new OperatingPoint(keys[start], (double)(positives - positivesBelow) / positives, spec);
            int end = start;
            while (end < keys.Length && keys[end] == keys[start])
            {
                if (isPositive[end]) positivesBelow++; else negativesBelow++;
                end++;
            }
            start = end;
        }
        return new OperatingPoint(double.PositiveInfinity, 0.0, 1.0);
    }
}
