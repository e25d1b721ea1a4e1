using MathNet.Numerics.Distributions;

namespace XraySynth.Evaluate;

/// <summary>
/// The quantile levels of a bias-corrected and accelerated (BCa) bootstrap interval (Efron 1987; Efron &amp; Tibshirani
/// 1993, ch. 14): with z0 = Φ⁻¹(share of replicates below the estimate, ties counted half) and the acceleration
/// a = Σ(θ̄ − θᵢ)³ / (6·(Σ(θ̄ − θᵢ)²)^{3/2}) over jackknife values θᵢ, the interval is the replicates' quantiles at
/// Φ(z0 + (z0 + z_q)/(1 − a·(z0 + z_q))) for q = (1 ∓ level)/2. With z0 = a = 0 these are the percentile levels.
/// </summary>
public static class BcaLevels
{
    /// <summary>
    /// Fewest resamples the commands accept for BCa: the adjusted levels can lie far in the tails (0.5% and below),
    /// where fewer replicates would put an endpoint on the most extreme one.
    /// </summary>
    public const int MinimumResamples = 1000;

    /// <summary>Whether <paramref name="method"/> is BCa with fewer than <see cref="MinimumResamples"/> resamples.</summary>
    public static bool TooFewResamples(BootstrapMethod method, int resamples) => method == BootstrapMethod.Bca && resamples < MinimumResamples;

    /// <summary>
    /// Bias correction z0 from <paramref name="sortedReplicates"/> (ascending, finite) and the full-data
    /// <paramref name="estimate"/>. The share is kept within [1/(2B), 1 − 1/(2B)] so z0 stays finite when every
    /// replicate lies on one side of the estimate.
    /// </summary>
    public static double BiasCorrection(double[] sortedReplicates, double estimate)
    {
        ArgumentNullException.ThrowIfNull(sortedReplicates);
        int b = sortedReplicates.Length;
        if (b == 0 || double.IsNaN(estimate)) return double.NaN;
        int below = LowerBound(sortedReplicates, estimate);
        int notAbove = UpperBound(sortedReplicates, estimate);
        double share = (below + 0.5 * (notAbove - below)) / b;
        double bound = 0.5 / b;
        return Normal.InvCDF(0, 1, Math.Clamp(share, bound, 1 - bound));
    }

    /// <summary>
    /// Acceleration from jackknife values (the statistic with each patient left out in turn). NaN when any value is
    /// not finite: leaving that patient out leaves the statistic undefined (e.g. the only positive patient of a label),
    /// and it is the most influential patient, so an acceleration without it would be wrong. 0 when fewer than two
    /// values are given or all are equal.
    /// </summary>
    public static double Acceleration(IReadOnlyList<double> jackknife)
    {
        ArgumentNullException.ThrowIfNull(jackknife);
        if (jackknife.Any(v => !double.IsFinite(v))) return double.NaN;
        if (jackknife.Count < 2) return 0;
        double mean = jackknife.Average();
        double squares = 0, cubes = 0;
        foreach (double value in jackknife)
        {
            double d = mean - value;
            squares += d * d;
            cubes += d * d * d;
        }
        return squares > 0 ? cubes / (6 * Math.Pow(squares, 1.5)) : 0;
    }

    /// <summary>The lower and upper quantile levels for coverage <paramref name="level"/>.</summary>
    public static (double Lower, double Upper) Levels(double biasCorrection, double acceleration, double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "level must lie in (0, 1)");
        double alpha = 1 - level;
        return (Adjust(biasCorrection, acceleration, alpha / 2), Adjust(biasCorrection, acceleration, 1 - alpha / 2));
    }

    static double Adjust(double z0, double a, double q)
    {
        if (double.IsNaN(z0) || double.IsNaN(a)) return double.NaN;
        double z = z0 + Normal.InvCDF(0, 1, q);
        double denominator = 1 - a * z;
        // a·z ≥ 1 needs |z0 + z_q| > 6 (a jackknife acceleration is below 1/6 in size): z/denominator then tends to
        // ±∞ with the sign of z, and the level saturates there.
        if (denominator <= 0) return z > 0 ? 1 : 0;
        return Normal.CDF(0, 1, z0 + z / denominator);
    }

    static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (sorted[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (sorted[mid] <= value) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
