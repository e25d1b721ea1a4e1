namespace XraySynth.Evaluate;

/// <summary>Adjustments of p-values for testing several hypotheses at once (e.g. one per label).</summary>
public static class MultipleComparisons
{
    /// <summary>
    /// Holm–Bonferroni adjusted p-values, in input order: with the k finite p-values sorted ascending p₍₁₎ ≤ … ≤ p₍ₖ₎,
    /// adjusted p₍ᵢ₎ = min(1, max_{j ≤ i} (k − j + 1)·p₍ⱼ₎). Monotone in the raw p-values and capped at 1; NaN entries
    /// stay NaN and do not count towards k. Rejecting where adjusted p ≤ α controls the family-wise error at α.
    /// </summary>
    public static double[] Holm(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var adjusted = new double[pValues.Count];
        var finite = new List<int>();
        for (int i = 0; i < pValues.Count; i++)
        {
            double p = pValues[i];
            if (double.IsNaN(p)) { adjusted[i] = double.NaN; continue; }
            if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(pValues), p, $"p-value {i} is outside [0, 1]");
            finite.Add(i);
        }
        int[] order = [.. finite.OrderBy(i => pValues[i])];
        double runningMax = 0;
        for (int rank = 0; rank < order.Length; rank++)
        {
            runningMax = Math.Max(runningMax, Math.Min(1.0, (order.Length - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = runningMax;
        }
        return adjusted;
    }
}
