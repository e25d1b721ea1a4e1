namespace XraySynth.Evaluate;

/// <summary>A decision threshold and its rates: a case is called positive when its score is ≥ <see cref="Threshold"/>.</summary>
/// <param name="Threshold">Scores at or above it are called positive (+∞ calls nothing positive).</param>
/// <param name="Sensitivity">True positive rate at the threshold.</param>
/// <param name="Specificity">True negative rate at the threshold.</param>
public sealed record OperatingPoint(double Threshold, double Sensitivity, double Specificity);
