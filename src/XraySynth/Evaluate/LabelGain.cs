namespace XraySynth.Evaluate;

/// <summary>One label's AUROC gain of configuration B over configuration A, each averaged over its training seeds.</summary>
/// <param name="Label">Label name.</param>
/// <param name="Positives">Images with the label.</param>
/// <param name="Negatives">Images known not to have it.</param>
/// <param name="MeanAurocA">AUROC of A averaged over A's runs.</param>
/// <param name="MeanAurocB">AUROC of B averaged over B's runs.</param>
/// <param name="Gain">MeanAurocB − MeanAurocA with a patient-bootstrap CI (every run on the same resampled patients).</param>
/// <param name="RunsA">Runs (seeds) of A.</param>
/// <param name="RunsB">Runs (seeds) of B.</param>
public sealed record LabelGain(
    string Label, int Positives, int Negatives, double MeanAurocA, double MeanAurocB, BootstrapCi Gain, int RunsA, int RunsB);
