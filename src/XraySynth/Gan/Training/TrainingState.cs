namespace XraySynth.Gan.Training;

/// <summary>The counters a snapshot restores (everything else random is derived from the seed and the step).</summary>
/// <param name="Step">Steps done.</param>
/// <param name="ImagesSeen">Real images shown to the discriminator so far.</param>
/// <param name="LearningRateScale">Product of the rollback factors applied so far (1 = none).</param>
/// <param name="Rollbacks">Rollbacks after NaN/Inf so far.</param>
public sealed record TrainingState(long Step, long ImagesSeen, double LearningRateScale, int Rollbacks)
{
    /// <summary>Thousands of images shown.</summary>
    public double Kimg => ImagesSeen / 1000.0;

    /// <summary>The state before the first step.</summary>
    public static TrainingState Start { get; } = new(0, 0, 1, 0);
}
