namespace XraySynth.Evaluate;

/// <summary>Points of a receiver operating characteristic curve (one per distinct score threshold, plus both ends).</summary>
public static class RocCurve
{
    /// <summary>(false-positive rate, true-positive rate) from (0,0) to (1,1), thresholds from high to low; empty when a class is missing.</summary>
    public static IReadOnlyList<(double Fpr, double Tpr)> Points(double[] scores, bool[] labels)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("scores and labels differ in length");
        int positives = labels.Count(l => l), negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0) return [];
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var points = new List<(double, double)> { (0, 0) };
        int tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++; else fp++;
            bool lastOfTie = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie) points.Add(((double)fp / negatives, (double)tp / positives));
        }
        return points;
    }
}
