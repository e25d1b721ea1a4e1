namespace XraySynth.Evaluate;

/// <summary>
/// Area under the ROC curve, exact: the Mann–Whitney probability P(score of a positive &gt; score of a negative),
/// ties counted as 1/2, from midranks of the pooled scores in O(n log n).
/// </summary>
public static class Auroc
{
    /// <summary>
    /// AUROC = (R₊ − m(m+1)/2) / (m·n), R₊ the sum of the positives' midranks among all scores, m positives, n negatives.
    /// NaN when only one class is present.
    /// </summary>
    public static double Compute(double[] scores, bool[] labels)
    {
        ScoreInputs.Check(scores, labels);
        int m = ScoreInputs.Positives(labels);
        int n = labels.Length - m;
        if (m == 0 || n == 0) return double.NaN;
        double[] ranks = Midranks.Compute(scores);
        double positiveRankSum = 0;
        for (int i = 0; i < ranks.Length; i++)
            if (labels[i]) positiveRankSum += ranks[i];
        return (positiveRankSum - 0.5 * m * (m + 1.0)) / ((double)m * n);
    }
}
