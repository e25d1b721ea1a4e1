namespace XraySynth.Evaluate;

/// <summary>A named per-label metric of scores against known binary labels.</summary>
/// <param name="Name">Registry name, e.g. "auroc".</param>
/// <param name="Description">One line for tables and help.</param>
/// <param name="Compute">The metric; NaN where undefined.</param>
public sealed record Metric(string Name, string Description, Func<double[], bool[], double> Compute);
