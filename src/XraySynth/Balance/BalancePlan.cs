using XraySynth.Data;

namespace XraySynth.Balance;

/// <summary>
/// What <see cref="Balancer.Plan"/> decided: the rows to add to the train split and every label's counts.
/// Nothing is written until <see cref="Balancer.Apply"/>.
/// </summary>
public sealed record BalancePlan
{
    /// <summary>The real dataset being balanced.</summary>
    public required Dataset Real { get; init; }

    /// <summary>The synthetic datasets drawn from (empty for oversample).</summary>
    public required IReadOnlyList<Dataset> Sources { get; init; }

    /// <summary>The resolved settings (strategy, caps, seed, labels as given).</summary>
    public required BalanceConfig Config { get; init; }

    /// <summary>Every vocabulary label in column order.</summary>
    public required IReadOnlyList<LabelBalance> PerLabel { get; init; }

    /// <summary>
    /// Rows to append to the train split in the order chosen: synthetic rows from the sources, or duplicated real rows
    /// (oversample). Image paths are absolute; split is train.
    /// </summary>
    public required IReadOnlyList<ImageRecord> Additions { get; init; }

    /// <summary>Boxes of the added rows (copies of the boxes of duplicated real images; none for synthetic ones).</summary>
    public required IReadOnlyList<BoxRecord> AddedBoxes { get; init; }

    /// <summary>Real train images.</summary>
    public required int RealTrain { get; init; }

    /// <summary>Most added images the overall cap allows (<see cref="int.MaxValue"/> = no cap).</summary>
    public required int OverallCap { get; init; }

    /// <summary>The labels the strategy tops up.</summary>
    public IEnumerable<LabelBalance> Chosen => PerLabel.Where(l => l.Chosen);

    /// <summary>Chosen labels that stopped short of their target.</summary>
    public IEnumerable<LabelBalance> Shortfalls => PerLabel.Where(l => l.Shortfall > 0);

    /// <summary>Train images after balancing.</summary>
    public int TrainAfter => RealTrain + Additions.Count;

    /// <summary>Share of added images in the train split after balancing (0 when train is empty).</summary>
    public double SyntheticFraction => TrainAfter == 0 ? 0 : (double)Additions.Count / TrainAfter;
}
