namespace XraySynth.Report;

/// <summary>One row of a <see cref="SampleComparisonGrid"/>: a label with real and synthetic example images.</summary>
/// <param name="Label">Finding label shown at the left of the row.</param>
/// <param name="RealImages">Paths of real images (PNG or JPEG, any size).</param>
/// <param name="SyntheticImages">Paths of synthetic images (PNG or JPEG, any size).</param>
public sealed record SampleRow(string Label, IReadOnlyList<string> RealImages, IReadOnlyList<string> SyntheticImages);
