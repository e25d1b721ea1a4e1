namespace XraySynth.Tests.Evaluate;

/// <summary>Slow, obviously-correct reference implementations, written independently of the library's.</summary>
public static class Reference
{
    /// <summary>ψ(x, y) = 1, ½, 0 for x &gt; y, x = y, x &lt; y.</summary>
    public static double Psi(double x, double y) => x > y ? 1.0 : x == y ? 0.5 : 0.0;

    /// <summary>AUROC by counting every (positive, negative) pair; NaN when a class is missing.</summary>
    public static double PairwiseAuroc(double[] scores, bool[] labels)
    {
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < scores.Length; i++)
            for (int j = 0; j < scores.Length; j++)
                if (labels[i] && !labels[j]) { sum += Psi(scores[i], scores[j]); pairs++; }
        return pairs == 0 ? double.NaN : sum / pairs;
    }

    /// <summary>
    /// Average precision as the mean, over positives, of the precision at the threshold equal to that positive's score
    /// (all cases scoring ≥ it are called positive) — the same quantity as the step sum, written another way.
    /// </summary>
    public static double AveragePrecisionPerPositive(double[] scores, bool[] labels)
    {
        var precisions = new List<double>();
        for (int i = 0; i < scores.Length; i++)
        {
            if (!labels[i]) continue;
            int called = scores.Count(s => s >= scores[i]);
            int hits = scores.Where((s, k) => s >= scores[i] && labels[k]).Count();
            precisions.Add((double)hits / called);
        }
        return precisions.Count == 0 ? double.NaN : precisions.Average();
    }

    /// <summary>Largest sensitivity with specificity ≥ target, trying every distinct score and +∞ as the threshold.</summary>
    public static double SensitivityAtSpecificity(double[] scores, bool[] labels, double target)
    {
        int positives = labels.Count(l => l), negatives = labels.Length - positives;
        double best = double.NaN;
        foreach (double t in scores.Distinct().Append(double.PositiveInfinity))
        {
            double spec = (double)scores.Where((s, k) => !labels[k] && s < t).Count() / negatives;
            double sens = (double)scores.Where((s, k) => labels[k] && s >= t).Count() / positives;
            if (spec >= target - 1e-12 && !(sens <= best)) best = sens;
        }
        return best;
    }

    /// <summary>Binary labels from 0/1 values.</summary>
    public static bool[] Bools(params int[] values) => [.. values.Select(v => v == 1)];

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Scores rounded to one decimal (many ties) with a label-dependent shift.</summary>
    public static (double[] Scores, bool[] Labels) TiedData(int seed, int n, double positiveRate = 0.4, double shift = 0.3)
    {
        var random = new Random(seed);
        var labels = new bool[n];
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < positiveRate;
            scores[i] = Math.Round(random.NextDouble() + (labels[i] ? shift : 0), 1);
        }
        return (scores, labels);
    }

    /// <summary>Gathers <paramref name="values"/> at <paramref name="indices"/> (with repeats).</summary>
    public static T[] At<T>(T[] values, int[] indices)
    {
        var gathered = new T[indices.Length];
        for (int k = 0; k < indices.Length; k++) gathered[k] = values[indices[k]];
        return gathered;
    }
}
