namespace XraySynth.Evaluate;

/// <summary>Sample quantiles.</summary>
static class Quantile
{
    /// <summary>
    /// Quantile <paramref name="p"/> of <paramref name="sorted"/> (ascending) by linear interpolation between order
    /// statistics at position (k − 1)·p (Hyndman &amp; Fan type 7, numpy's and R's default).
    /// </summary>
    public static double Linear(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        double position = (sorted.Length - 1) * p;
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
