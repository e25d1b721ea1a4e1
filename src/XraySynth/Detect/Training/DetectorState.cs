namespace XraySynth.Detect.Training;

/// <summary>Counters a detector snapshot restores; batch order and augmentation derive from (seed, epoch).</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Step">Optimizer steps completed.</param>
/// <param name="BestMap">Best validation mean AP@0.5 so far (NaN before the first validation).</param>
/// <param name="BestEpoch">Epoch (1-based) that reached it; 0 before.</param>
/// <param name="EpochsWithoutImprovement">For early stopping.</param>
public sealed record DetectorState(int Epoch, long Step, double BestMap, int BestEpoch, int EpochsWithoutImprovement)
{
    /// <summary>Before the first epoch.</summary>
    public static DetectorState Start { get; } = new(0, 0, double.NaN, 0, 0);
}
