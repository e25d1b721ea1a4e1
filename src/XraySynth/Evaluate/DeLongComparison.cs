namespace XraySynth.Evaluate;

/// <summary>DeLong's test of two correlated AUROCs measured on the same cases.</summary>
/// <param name="AucA">AUROC of classifier A.</param>
/// <param name="AucB">AUROC of classifier B.</param>
/// <param name="Difference">AucB − AucA.</param>
/// <param name="VarianceA">DeLong variance of AucA.</param>
/// <param name="VarianceB">DeLong variance of AucB.</param>
/// <param name="Covariance">DeLong covariance of AucA and AucB.</param>
/// <param name="Z">Difference / √(VarianceA + VarianceB − 2·Covariance); 0 when the difference is exactly 0.</param>
/// <param name="PValue">Two-sided p-value 2·(1 − Φ(|Z|)).</param>
public sealed record DeLongComparison(
    double AucA, double AucB, double Difference, double VarianceA, double VarianceB, double Covariance, double Z, double PValue);
