namespace XraySynth.Evaluate;

/// <summary>One AUROC with its DeLong variance and a normal-approximation confidence interval.</summary>
/// <param name="Auc">AUROC.</param>
/// <param name="Variance">DeLong variance S10/m + S01/n.</param>
/// <param name="Lower">Lower bound: Auc − z·√Variance, clipped to [0, 1].</param>
/// <param name="Upper">Upper bound: Auc + z·√Variance, clipped to [0, 1].</param>
/// <param name="Level">Coverage level, e.g. 0.95.</param>
public sealed record AucInterval(double Auc, double Variance, double Lower, double Upper, double Level);
