namespace XraySynth.Balance;

/// <summary>One label's train positives before and after balancing, as planned.</summary>
/// <param name="Label">The label name.</param>
/// <param name="Chosen">Whether the strategy tops this label up (others only gain positives from multi-label images).</param>
/// <param name="RealTrain">Positives among the real train images.</param>
/// <param name="Target">Train positives the strategy aims for; null for a label not chosen.</param>
/// <param name="Cap">Most added positives the per-label cap allows (<see cref="int.MaxValue"/> = no cap).</param>
/// <param name="Added">Added images (synthetic, or duplicates for oversample) carrying the label.</param>
/// <param name="Reason">Why the label stopped short of its target; null when it reached it.</param>
public sealed record LabelBalance(string Label, bool Chosen, int RealTrain, int? Target, int Cap, int Added, ShortfallReason? Reason)
{
    /// <summary>Train positives after balancing.</summary>
    public int After => RealTrain + Added;

    /// <summary>Positives the label lacks for its target after balancing (0 when reached or not chosen).</summary>
    public int Shortfall => Target is int target ? Math.Max(0, target - After) : 0;

    /// <summary>Share of added images among the label's train positives after balancing; NaN when it has none.</summary>
    public double SyntheticFraction => After == 0 ? double.NaN : (double)Added / After;
}
