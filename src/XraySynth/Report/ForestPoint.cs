namespace XraySynth.Report;

/// <summary>One estimate with its confidence interval for one label and one arm of a <see cref="ForestPlot"/>.</summary>
/// <param name="Label">Finding label (a row of the plot).</param>
/// <param name="Arm">Experiment arm (a colour of the plot), e.g. "real + GAN".</param>
/// <param name="Estimate">Point estimate, e.g. AUROC gain; NaN = not estimable (the arm is left out of this label's row).</param>
/// <param name="Lower">Lower end of the interval (NaN = no interval drawn).</param>
/// <param name="Upper">Upper end of the interval (NaN = no interval drawn).</param>
/// <param name="Rare">Whether the label is a rare label (marked with a star).</param>
public sealed record ForestPoint(string Label, string Arm, double Estimate, double Lower, double Upper, bool Rare);
