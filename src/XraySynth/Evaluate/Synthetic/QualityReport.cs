namespace XraySynth.Evaluate.Synthetic;

/// <summary>Everything <c>xraysynth eval synthetic</c> measured; written as quality.json, quality.md and quality.csv.</summary>
/// <param name="Features">Feature space: <c>pixels-32</c>, <c>classifier:&lt;run&gt;</c> or <c>onnx:&lt;file&gt;</c>.</param>
/// <param name="Real">The real dataset folder.</param>
/// <param name="Synthetic">The synthetic dataset folder.</param>
/// <param name="Overall">All synthetic images against all real training images.</param>
/// <param name="PerLabel">Per label of the synthetic set: images with the label only.</param>
/// <param name="LabelFidelity">Per label, with a classifier; null without one.</param>
public sealed record QualityReport(
    string Features, string Real, string Synthetic, QualityRow Overall, IReadOnlyList<QualityRow> PerLabel, IReadOnlyList<LabelFidelity>? LabelFidelity);
