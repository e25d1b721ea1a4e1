namespace XraySynth.Balance;

/// <summary>Why a chosen label stopped short of its target.</summary>
public enum ShortfallReason
{
    /// <summary>
    /// The pool has images carrying the label, but every one of them is used (synthetic sources, or real positives for
    /// oversample).
    /// </summary>
    PoolExhausted,
    /// <summary>No image in the pool carries the label at all (synthetic sources: it was never sampled).</summary>
    NotInPool,
    /// <summary>The label's own cap (<see cref="BalanceConfig.MaxSyntheticFractionPerLabel"/>) is reached.</summary>
    LabelCap,
    /// <summary>The train split's cap (<see cref="BalanceConfig.MaxSyntheticFraction"/>) is reached.</summary>
    OverallCap,
    /// <summary>Every image left that carries the label also carries another label whose cap is reached.</summary>
    CoLabelCap,
}
