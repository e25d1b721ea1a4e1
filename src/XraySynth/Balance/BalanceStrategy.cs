namespace XraySynth.Balance;

/// <summary>
/// How many images the balancer adds per label. Written in configs and on the command line in kebab case
/// (<c>target-count</c>, <c>match-median</c>, <c>match-max</c>, <c>ratio</c>, <c>oversample</c>).
/// </summary>
public enum BalanceStrategy
{
    /// <summary>Bring every chosen label to at least <see cref="BalanceConfig.Target"/> train positives with synthetic images.</summary>
    TargetCount,
    /// <summary>Bring every chosen label up to the median of the labels' real train positive counts (rounded up).</summary>
    MatchMedian,
    /// <summary>Bring every chosen label up to the commonest label's real train positive count.</summary>
    MatchMax,
    /// <summary>Add <see cref="BalanceConfig.Ratio"/> × (real train positives) synthetic positives per chosen label.</summary>
    Ratio,
    /// <summary>
    /// Baseline without synthetic images: duplicate real train positives (new ids <c>ORIGINAL#dupK</c>) up to the
    /// same targets as <see cref="TargetCount"/>.
    /// </summary>
    Oversample,
}
