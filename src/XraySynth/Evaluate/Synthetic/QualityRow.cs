namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// The quality metrics of one synthetic set against the real training images, each beside its real-vs-real floor:
/// the same metric for held-out real images (val + test) against the same training images. NaN = undefined (too few images).
/// </summary>
/// <param name="Label">The label the sets were restricted to; null for all images.</param>
/// <param name="Count">Synthetic images compared.</param>
/// <param name="FloorCount">Held-out real images compared (the floor's sample size).</param>
/// <param name="Fid">Fréchet distance, synthetic vs real train.</param>
/// <param name="FidFloor">Fréchet distance, held-out real vs real train.</param>
/// <param name="KidMean">KID mean over subsets.</param>
/// <param name="KidSd">KID standard deviation over subsets.</param>
/// <param name="KidFloor">KID mean of held-out real vs real train.</param>
/// <param name="Precision">Fraction of synthetic images inside the real k-NN manifold.</param>
/// <param name="Recall">Fraction of real training images inside the synthetic k-NN manifold.</param>
/// <param name="Density">Naeem et al.'s density (≈ 1 for matching sets).</param>
/// <param name="Coverage">Fraction of real k-NN balls holding a synthetic image.</param>
/// <param name="PrecisionFloor">Precision of the held-out real images.</param>
/// <param name="RecallFloor">Recall of the held-out real images.</param>
/// <param name="DensityFloor">Density of the held-out real images.</param>
/// <param name="CoverageFloor">Coverage of the held-out real images.</param>
public sealed record QualityRow(
    string? Label, int Count, int FloorCount,
    double Fid, double FidFloor, double KidMean, double KidSd, double KidFloor,
    double Precision, double Recall, double Density, double Coverage,
    double PrecisionFloor, double RecallFloor, double DensityFloor, double CoverageFloor);
