namespace XraySynth.Evaluate;

/// <summary>One label's metrics on a test set, over the images whose label is known.</summary>
/// <param name="Label">Label name.</param>
/// <param name="Positives">Images with the label.</param>
/// <param name="Negatives">Images known not to have it.</param>
/// <param name="PositivePatients">Distinct patients among the positive images.</param>
/// <param name="Auroc">AUROC with a patient-bootstrap CI (percentile or BCa).</param>
/// <param name="Auprc">Average precision with a patient-bootstrap CI (percentile or BCa).</param>
/// <param name="SensitivityAtSpecificity90">Largest sensitivity with specificity ≥ 0.90 (NaN when a class is missing).</param>
/// <param name="Ece">Expected calibration error, 15 equal-width bins (NaN with no known image).</param>
public sealed record LabelMetrics(
    string Label, int Positives, int Negatives, int PositivePatients,
    BootstrapCi Auroc, BootstrapCi Auprc, double SensitivityAtSpecificity90, double Ece);
