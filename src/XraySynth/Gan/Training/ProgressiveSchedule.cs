namespace XraySynth.Gan.Training;

/// <summary>
/// PGGAN's growth schedule as a pure function of the images shown so far: 4×4 stable, then for each next
/// resolution a fade-in (alpha 0 → 1) and a stable phase; the final resolution trains until the end.
/// DCGAN has one phase at its resolution. Being a function of the image count makes resume exact.
/// </summary>
public sealed class ProgressiveSchedule(GanConfig config)
{
    /// <summary>The phase after <paramref name="imagesSeen"/> real images.</summary>
    public TrainingPhase At(long imagesSeen)
    {
        int target = config.Resolution;
        if (config.Kind == GanKind.Dcgan) return new TrainingPhase(target, 1, config.BatchAt(target), $"stable {target}");
        double kimg = imagesSeen / 1000.0;
        double stable = config.StableKimg, fade = config.FadeKimg;
        int resolution = 4;
        if (kimg < stable || target == 4) return new TrainingPhase(4, 1, config.BatchAt(4), "stable 4");
        kimg -= stable;
        while (resolution < target)
        {
            resolution *= 2;
            if (kimg < fade) return new TrainingPhase(resolution, kimg / fade, config.BatchAt(resolution), $"fade {resolution}");
            kimg -= fade;
            if (resolution == target || kimg < stable) return new TrainingPhase(resolution, 1, config.BatchAt(resolution), $"stable {resolution}");
            kimg -= stable;
        }
        return new TrainingPhase(target, 1, config.BatchAt(target), $"stable {target}");
    }

    /// <summary>Thousands of images until the final resolution is fully faded in.</summary>
    public double KimgToReachTarget()
    {
        if (config.Kind == GanKind.Dcgan) return 0;
        int steps = (int)Math.Round(Math.Log2(config.Resolution)) - 2;
        return config.StableKimg + steps * config.FadeKimg + Math.Max(0, steps - 1) * config.StableKimg;
    }
}
