using XraySynth.Gan;
using XraySynth.Gan.Training;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// Check of the GANs an experiment samples from: a PGGAN whose kimg ends before its final resolution is fully faded in
/// would be refused when sampled (<see cref="Gan.Sampling.UnfinishedGenerator"/>), so a new ablation run is refused before
/// any training. Not part of the file's validation: existing runs (report, status, collect, run-cell) stay readable.
/// </summary>
public static class FinishedGrowth
{
    /// <summary>The problems of every generator <paramref name="config"/> samples (arms, pseudo-boxes and patch-GAN detection arms).</summary>
    public static IEnumerable<string> Problems(AblationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sampled = config.Arms.Select(a => a.Generator).Concat(config.DetectionArms.Select(a => a.Generator)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var generator in config.Generators.Where(g => sampled.Contains(g.Name)).DistinctBy(g => g.Name))
            if (Problem(generator.Gan) is { } problem)
                yield return $"generator '{generator.Name}': {problem}";
        foreach (var arm in config.DetectionArms.Where(a => a.Augmentation == DetectionAugmentation.PatchGan))
            if (Problem(arm.PatchGan) is { } problem)
                yield return $"detection arm '{arm.Name}' patch_gan: {problem}";
    }

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
