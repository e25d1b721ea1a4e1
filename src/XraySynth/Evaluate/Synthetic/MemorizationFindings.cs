namespace XraySynth.Evaluate.Synthetic;

/// <summary>What the memorization audit measured, per synthetic and per held-out real image, and the flags.</summary>
/// <param name="SyntheticNearest">Per synthetic image: index of its nearest training image in feature space.</param>
/// <param name="SyntheticDistance">Per synthetic image: that feature distance.</param>
/// <param name="HeldOutDistance">Per held-out real image: feature distance to its nearest training image.</param>
/// <param name="Threshold">Quantile q of <paramref name="HeldOutDistance"/>: closer than this is flagged.</param>
/// <param name="Flagged">Per synthetic image: feature distance below <paramref name="Threshold"/>.</param>
/// <param name="SyntheticNcc">Per synthetic image: highest normalized cross-correlation with any training image.</param>
/// <param name="SyntheticNccNearest">Per synthetic image: index of that training image.</param>
/// <param name="HeldOutNcc">Per held-out real image: highest NCC with any training image.</param>
/// <param name="PixelThreshold">Quantile 1 − q of <paramref name="HeldOutNcc"/>: more correlated than this is flagged.</param>
/// <param name="PixelFlagged">Per synthetic image: NCC above <paramref name="PixelThreshold"/>.</param>
/// <param name="Verdict">One line for a model card.</param>
public sealed record MemorizationFindings(
    int[] SyntheticNearest, double[] SyntheticDistance, double[] HeldOutDistance, double Threshold, bool[] Flagged,
    double[] SyntheticNcc, int[] SyntheticNccNearest, double[] HeldOutNcc, double PixelThreshold, bool[] PixelFlagged, string Verdict)
{
    /// <summary>Number of synthetic images.</summary>
    public int Total => Flagged.Length;
    /// <summary>Synthetic images flagged in feature space.</summary>
    public int FlaggedCount => Flagged.Count(f => f);
    /// <summary>Synthetic images flagged in pixel space.</summary>
    public int PixelFlaggedCount => PixelFlagged.Count(f => f);
}
