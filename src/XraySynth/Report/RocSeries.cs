namespace XraySynth.Report;

/// <summary>One classifier's scores on one label, for a <see cref="RocComparisonFigure"/>.</summary>
/// <param name="Name">Series name for the legend, e.g. "real only".</param>
/// <param name="Scores">Predicted scores (higher = more likely positive).</param>
/// <param name="Truth">Ground truth per score.</param>
public sealed record RocSeries(string Name, double[] Scores, bool[] Truth);
