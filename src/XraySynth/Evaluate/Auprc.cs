namespace XraySynth.Evaluate;

/// <summary>
/// Area under the precision–recall curve as average precision, the step-wise sum AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over
/// thresholds at each distinct score from high to low (scikit-learn's <c>average_precision_score</c>; no interpolation).
/// Equal scores form one threshold, so ties never depend on input order.
/// </summary>
public static class Auprc
{
    /// <summary>Average precision of <paramref name="scores"/> for <paramref name="labels"/>; NaN when there is no positive.</summary>
    public static double Compute(double[] scores, bool[] labels)
    {
        ScoreInputs.Check(scores, labels);
        int positives = ScoreInputs.Positives(labels);
        if (positives == 0) return double.NaN;

        var keys = new double[scores.Length];
        var order = new int[scores.Length];
        for (int i = 0; i < scores.Length; i++) { keys[i] = -scores[i]; order[i] = i; }
        Array.Sort(keys, order); // descending score

        double sum = 0;
        int truePositives = 0, predicted = 0, start = 0;
        while (start < keys.Length)
        {
            int end = start;
            int groupPositives = 0;
            while (end < keys.Length && keys[end] == keys[start])
            {
                if (labels[order[end]]) groupPositives++;
                end++;
            }
            truePositives += groupPositives;
            predicted += end - start;
            // recall rises by groupPositives / positives at this threshold; precision there is TP / predicted
            if (groupPositives > 0) sum += (double)groupPositives * truePositives / predicted;
            start = end;
        }
        return sum / positives;
    }
}
