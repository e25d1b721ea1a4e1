namespace XraySynth.Classify.Training;

/// <summary>
/// Linear warm-up then cosine decay to a floor, as a pure function of the step (TorchSharp schedulers keep no
/// state to save, so computing the rate from the step keeps resume exact).
/// </summary>
/// <param name="BaseRate">Peak learning rate.</param>
/// <param name="WarmupSteps">Steps of linear increase from 0.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="FinalFraction">Floor as a fraction of the peak.</param>
public sealed record LearningRateSchedule(double BaseRate, long WarmupSteps, long TotalSteps, double FinalFraction = 0.01)
{
    /// <summary>The rate for step <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        if (WarmupSteps > 0 && step < WarmupSteps) return BaseRate * (step + 1) / WarmupSteps;
        long decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        double progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return BaseRate * (FinalFraction + (1 - FinalFraction) * cosine);
    }
}
