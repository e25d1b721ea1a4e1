namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Does a synthetic image of <paramref name="Label"/> look like one to a classifier trained on real data? Its AUROC at
/// separating synthetic images with the label from synthetic images without it, beside its AUROC on real test images.
/// </summary>
/// <param name="Label">Finding label.</param>
/// <param name="SyntheticAuroc">AUROC on the synthetic set (NaN when it has no images with, or none without, the label).</param>
/// <param name="RealTestAuroc">AUROC on the real test split (NaN likewise).</param>
/// <param name="SyntheticPositives">Synthetic images with the label.</param>
/// <param name="SyntheticNegatives">Synthetic images without it.</param>
public sealed record LabelFidelity(string Label, double SyntheticAuroc, double RealTestAuroc, int SyntheticPositives, int SyntheticNegatives);
