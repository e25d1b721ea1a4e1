namespace XraySynth.Data.Phantom;

/// <summary>
/// Draws an image's findings: one independent Bernoulli draw per finding at its configured prevalence, except
/// Effusion, which is <see cref="PhantomConfig.EffusionWithCardiomegaly"/> times likelier with Cardiomegaly and
/// correspondingly less likely without, so that its marginal prevalence stays as configured.
/// </summary>
public sealed class PhantomLabelSampler
{
    readonly double[] prevalence;
    readonly double effusionWith;
    readonly double effusionWithout;

    /// <summary>Creates the sampler for <paramref name="config"/>'s prevalences.</summary>
    public PhantomLabelSampler(PhantomConfig config)
    {
        prevalence = PhantomFindings.All.Select(config.Prevalence).ToArray();
        double pc = config.CardiomegalyPrevalence, pe = config.EffusionPrevalence;
        // Marginal: pc * with + (1 - pc) * without = pe, with "with" capped at 1 and "without" kept >= 0.
        effusionWith = Math.Min(1, Math.Min(pe * config.EffusionWithCardiomegaly, pc > 0 ? pe / pc : 1));
        effusionWithout = pc < 1 ? Math.Clamp((pe - pc * effusionWith) / (1 - pc), 0, 1) : pe;
    }

    /// <summary>The findings of one image, in NIH order (empty = No Finding).</summary>
    public IReadOnlyList<PhantomFinding> Draw(Random random)
    {
        var found = new List<PhantomFinding>(2);
        bool cardiomegaly = false;
        foreach (var finding in PhantomFindings.All)
        {
            double p = finding == PhantomFinding.Effusion ? (cardiomegaly ? effusionWith : effusionWithout) : prevalence[(int)finding];
            // Always consume one number per finding so that one prevalence does not shift the others' draws.
            bool present = random.NextDouble() < p;
            if (finding == PhantomFinding.Cardiomegaly) cardiomegaly = present;
            if (present) found.Add(finding);
        }
        return found;
    }
}
