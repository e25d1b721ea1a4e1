namespace XraySynth.Evaluate.Synthetic;

/// <summary>Settings of the memorization audit.</summary>
public sealed record MemorizationOptions
{
    /// <summary>
    /// Calibration quantile q: a synthetic image is flagged when it is closer to its nearest training image than the
    /// closest fraction q of held-out real images are to theirs (so about q of a memorization-free set is flagged by chance).
    /// </summary>
    public double Quantile { get; init; } = 0.01;
    /// <summary>Side in pixels of the images compared by normalized cross-correlation.</summary>
    public int PixelSize { get; init; } = 64;
    /// <summary>Closest synthetic/training pairs shown in closest-pairs.png.</summary>
    public int Pairs { get; init; } = 8;
    /// <summary>Significance level of the verdict's one-sided binomial test (more flagged images than q predicts).</summary>
    public double Alpha { get; init; } = 0.001;
}
