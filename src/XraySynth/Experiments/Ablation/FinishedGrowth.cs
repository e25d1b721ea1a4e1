using XraySynth.Gan;
using XraySynth.Gan.Training;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// Config check for the GANs an experiment samples from: a PGGAN whose kimg ends before its final resolution is fully
/// faded in would be refused when sampled (<see cref="Gan.Sampling.UnfinishedGenerator"/>), so it is reported before any training.
/// </summary>
public static class FinishedGrowth
{
    /// <summary>The problem with <paramref name="gan"/>'s length, or null when its training finishes growing.</summary>
    public static string? Problem(GanConfig gan)
    {
        double needed = new ProgressiveSchedule(gan).KimgToReachTarget();
        if (gan.Kind != GanKind.Pggan || gan.Kimg >= needed) return null;
        return FormattableString.Invariant(
            $"kimg {gan.Kimg} ends before the final {gan.Resolution} px is fully faded in ({needed:0.###} kimg with fade_kimg {gan.FadeKimg} and stable_kimg {gan.StableKimg})") +
            "; its samples would be coarse: raise kimg or shorten fade_kimg/stable_kimg";
    }
}
