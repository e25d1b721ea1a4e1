namespace XraySynth.Evaluate;

/// <summary>Classifier B against classifier A on one label, same test images.</summary>
/// <param name="Label">Label name.</param>
/// <param name="Positives">Images with the label.</param>
/// <param name="Negatives">Images known not to have it.</param>
/// <param name="AurocA">AUROC of A.</param>
/// <param name="AurocB">AUROC of B.</param>
/// <param name="Difference">AUROC_B − AUROC_A with a paired patient-bootstrap CI (percentile or BCa).</param>
/// <param name="DeLong">DeLong's paired test (its PValue is unadjusted).</param>
/// <param name="HolmP">DeLong p-value Holm-adjusted across the labels of the comparison (NaN labels excluded).</param>
public sealed record LabelComparison(
    string Label, int Positives, int Negatives, double AurocA, double AurocB, BootstrapCi Difference, DeLongComparison DeLong, double HolmP);
