using MathNet.Numerics.Distributions;

namespace XraySynth.Evaluate;

/// <summary>
/// DeLong, DeLong &amp; Clarke-Pearson (1988) variance and covariance of AUROCs on the same cases, by the structural
/// components V10ᵢ = mean_j ψ(Xᵢ, Yⱼ) (positive i) and V01ⱼ = mean_i ψ(Xᵢ, Yⱼ) (negative j), ψ = 1, ½, 0 for
/// X &gt; Y, X = Y, X &lt; Y. Computed with Sun &amp; Xu (2014): from midranks of the positives (Tx), negatives (Ty) and
/// all cases (Tz), V10ᵢ = (Tzᵢ − Txᵢ)/n and V01ⱼ = 1 − (Tzⱼ − Tyⱼ)/m, in O(N log N).
/// Var(AUC) = S10/m + S01/n, S the sample (co)variances (divisor m − 1, n − 1) of the components.
/// </summary>
public static class DeLong
{
    /// <summary>Compares AUROC of <paramref name="scoresB"/> with that of <paramref name="scoresA"/> on the same cases (paired).</summary>
    /// <remarks>
    /// All fields are NaN when a class is missing; variances, Z and p are NaN with fewer than two positives or negatives.
    /// Z is 0 and p is 1 when the AUROCs are equal; a nonzero difference with zero variance gives Z = ±∞ and p = 0.
    /// </remarks>
    public static DeLongComparison Compare(double[] scoresA, double[] scoresB, bool[] labels)
    {
        ScoreInputs.Check(scoresA, labels, nameof(scoresA));
        ScoreInputs.Check(scoresB, labels, nameof(scoresB));
        var a = Components(scoresA, labels);
        var b = Components(scoresB, labels);
        if (a is null || b is null)
            return new DeLongComparison(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

        double difference = b.Auc - a.Auc;
        double varianceA = Covariance(a, a), varianceB = Covariance(b, b), covariance = Covariance(a, b);
        double differenceVariance = Math.Max(0.0, varianceA + varianceB - 2 * covariance); // round-off can go below 0
        double z = difference == 0 ? 0.0 : difference / Math.Sqrt(differenceVariance);
        if (double.IsNaN(differenceVariance)) z = double.NaN;
        return new DeLongComparison(a.Auc, b.Auc, difference, varianceA, varianceB, covariance, z, TwoSidedP(z));
    }

    /// <summary>DeLong variance of one AUROC; NaN with fewer than two positives or two negatives.</summary>
    public static double Variance(double[] scores, bool[] labels)
    {
        ScoreInputs.Check(scores, labels);
        var c = Components(scores, labels);
        return c is null ? double.NaN : Covariance(c, c);
    }

    /// <summary>
    /// AUROC with a normal-approximation interval on the AUROC scale, Auc ± z₍₁₊level₎/₂·√Var, clipped to [0, 1]
    /// (as pROC's <c>ci.auc(method = "delong")</c>). Bounds are NaN when the variance is.
    /// </summary>
    public static AucInterval ConfidenceInterval(double[] scores, bool[] labels, double level = 0.95)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "level must lie in (0, 1)");
        double auc = Auroc.Compute(scores, labels);
        double variance = Variance(scores, labels);
        double half = Normal.InvCDF(0, 1, 0.5 + level / 2) * Math.Sqrt(variance);
        return new AucInterval(auc, variance, Math.Clamp(auc - half, 0, 1), Math.Clamp(auc + half, 0, 1), level);
    }

    /// <summary>Two-sided normal p-value 2·(1 − Φ(|z|)), NaN for NaN.</summary>
    static double TwoSidedP(double z) => double.IsNaN(z) ? double.NaN : 2 * Normal.CDF(0, 1, -Math.Abs(z));

    sealed record StructuralComponents(double Auc, double[] V10, double[] V01);

    /// <summary>AUROC and structural components; null when a class is missing.</summary>
    static StructuralComponents? Components(double[] scores, bool[] labels)
    {
        var positives = new List<double>();
        var negatives = new List<double>();
        for (int i = 0; i < scores.Length; i++) (labels[i] ? positives : negatives).Add(scores[i]);
        int m = positives.Count, n = negatives.Count;
        if (m == 0 || n == 0) return null;

        double[] combined = [.. positives, .. negatives];
        double[] tz = Midranks.Compute(combined);
        double[] tx = Midranks.Compute(combined.AsSpan(0, m));
        double[] ty = Midranks.Compute(combined.AsSpan(m, n));

        var v10 = new double[m];
        var v01 = new double[n];
        double auc = 0;
        for (int i = 0; i < m; i++)
        {
            v10[i] = (tz[i] - tx[i]) / n; // negatives ranked below positive i (ties ½), as a fraction of n
            auc += v10[i];
        }
        for (int j = 0; j < n; j++) v01[j] = 1.0 - (tz[m + j] - ty[j]) / m; // positives ranked above negative j
        return new StructuralComponents(auc / m, v10, v01);
    }

    /// <summary>S10ᵃᵇ/m + S01ᵃᵇ/n; NaN when m or n is below 2.</summary>
    static double Covariance(StructuralComponents a, StructuralComponents b)
    {
        int m = a.V10.Length, n = a.V01.Length;
        if (m < 2 || n < 2) return double.NaN;
        return SampleCovariance(a.V10, b.V10) / m + SampleCovariance(a.V01, b.V01) / n;
    }

    /// <summary>Σ (xᵢ − x̄)(yᵢ − ȳ) / (k − 1).</summary>
    static double SampleCovariance(double[] x, double[] y)
    {
        double meanX = x.Average(), meanY = y.Average();
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += (x[i] - meanX) * (y[i] - meanY);
        return sum / (x.Length - 1);
    }
}
