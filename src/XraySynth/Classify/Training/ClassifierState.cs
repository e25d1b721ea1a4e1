namespace XraySynth.Classify.Training;

/// <summary>Counters a classifier snapshot restores; the loader order and augmentation derive from (seed, epoch).</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Step">Optimizer steps completed.</param>
/// <param name="BestAuroc">Best validation mean AUROC so far (NaN before the first validation).</param>
/// <param name="BestEpoch">Epoch (1-based) that reached it; 0 before.</param>
/// <param name="EpochsWithoutImprovement">For early stopping.</param>
public sealed record ClassifierState(int Epoch, long Step, double BestAuroc, int BestEpoch, int EpochsWithoutImprovement)
{
    /// <summary>Before the first epoch.</summary>
    public static ClassifierState Start { get; } = new(0, 0, double.NaN, 0, 0);
}
