namespace XraySynth.Evaluate;

/// <summary>One label's AUROC (or AUPRC) gain of configuration B over configuration A, each averaged over its training seeds.</summary>
/// <param name="Label">Label name.</param>
/// <param name="Positives">Images with the label.</param>
/// <param name="Negatives">Images known not to have it.</param>
/// <param name="MeanA">Metric of A averaged over A's runs.</param>
/// <param name="MeanB">Metric of B averaged over B's runs.</param>
/// <param name="Gain">MeanB − MeanA with a patient-bootstrap CI (every run on the same resampled patients).</param>
/// <param name="RunsA">Runs (seeds) of A.</param>
/// <param name="RunsB">Runs (seeds) of B.</param>
public sealed record LabelGain(
    string Label, int Positives, int Negatives, double MeanA, double MeanB, BootstrapCi Gain, int RunsA, int RunsB);
