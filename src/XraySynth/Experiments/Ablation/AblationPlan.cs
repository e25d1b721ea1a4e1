using System.Globalization;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// The jobs of an ablation in dependency order: the data job, one GAN job per generator × seed (or per generator with
/// <see cref="AblationConfig.GanPerSeed"/> off) for generators some arm uses, one cell per arm × seed, a lesion-patch
/// GAN job per patch-gan detection arm × seed, then the detection cells (pseudo-box cells after the baseline's).
/// </summary>
/// <param name="Jobs">Jobs, each after every job it depends on.</param>
public sealed record AblationPlan(IReadOnlyList<AblationJob> Jobs)
{
    /// <summary>Id of the data job.</summary>
    public const string DataJobId = "data";

    /// <summary>The cells (arm × seed).</summary>
    public IReadOnlyList<AblationJob> Cells => [.. Jobs.Where(j => j.Kind == AblationJobKind.Cell)];

    /// <summary>The job with <paramref name="id"/>.</summary>
    /// <exception cref="Common.UserError">No such job.</exception>
    public AblationJob Job(string id) => Jobs.FirstOrDefault(j => j.Id == id)
        ?? throw new Common.UserError($"no job '{id}' in this ablation{Common.NameSuggester.Hint(id, Jobs.Select(j => j.Id))} (jobs: {string.Join(", ", Jobs.Select(j => j.Id))})");

    /// <summary>Builds the plan of <paramref name="config"/>.</summary>
    public static AblationPlan From(AblationConfig config)
    {
        var jobs = new List<AblationJob> { new(DataJobId, AblationJobKind.Data, 0, null, null, []) };
        var used = config.Arms.Select(a => a.Generator)
            .Concat(config.DetectionArms.Where(a => a.Augmentation == DetectionAugmentation.PseudoBoxes).Select(a => a.Generator))
            .OfType<string>().Distinct().ToHashSet();
        foreach (var generator in config.Generators.Where(g => used.Contains(g.Name)))
            foreach (long seed in GanSeeds(config))
                jobs.Add(new AblationJob(GanJobId(generator.Name, seed), AblationJobKind.Gan, seed, null, generator.Name, [DataJobId]));
        foreach (var arm in config.Arms)
            foreach (long seed in config.Seeds)
            {
                string[] needs = arm.Generator is { } g ? [DataJobId, GanJobId(g, GanSeedFor(config, seed))] : [DataJobId];
                jobs.Add(new AblationJob(CellId(arm.Name, seed), AblationJobKind.Cell, seed, arm.Name, arm.Generator, needs));
            }
        foreach (var arm in config.DetectionArms.Where(a => a.Augmentation == DetectionAugmentation.PatchGan))
            foreach (long seed in GanSeeds(config))
                jobs.Add(new AblationJob(PatchGanJobId(arm.Name, seed), AblationJobKind.PatchGan, seed, arm.Name, null, [DataJobId]));
        // Detection cells that read another detection cell (pseudo-boxes read the baseline's detector) come last.
        foreach (var arm in config.DetectionArms.OrderBy(a => a.Augmentation == DetectionAugmentation.PseudoBoxes))
            foreach (long seed in config.Seeds)
            {
                string[] needs = arm.Augmentation switch
                {
                    DetectionAugmentation.PatchGan => [DataJobId, PatchGanJobId(arm.Name, GanSeedFor(config, seed))],
                    DetectionAugmentation.PseudoBoxes => [DataJobId, GanJobId(arm.Generator!, GanSeedFor(config, seed)), DetectId(config.DetectionBaseline, seed)],
                    _ => [DataJobId],
                };
                jobs.Add(new AblationJob(DetectId(arm.Name, seed), AblationJobKind.Detect, seed, arm.Name,
                    arm.Augmentation == DetectionAugmentation.PseudoBoxes ? arm.Generator : null, needs));
            }
        return new AblationPlan(jobs);
    }

    /// <summary>The detection cells (detection arm × seed).</summary>
    public IReadOnlyList<AblationJob> DetectionCells => [.. Jobs.Where(j => j.Kind == AblationJobKind.Detect)];

    /// <summary>Id of a detection cell.</summary>
    public static string DetectId(string arm, long seed) => $"detect-{arm}-s{seed.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Id of a patch-gan arm's lesion-patch GAN job.</summary>
    public static string PatchGanJobId(string arm, long seed) => $"patchgan-{arm}-s{seed.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Seeds generators are trained with.</summary>
    public static IReadOnlyList<long> GanSeeds(AblationConfig config) => config.GanPerSeed ? config.Seeds : [config.Seeds[0]];

    /// <summary>Seed of the generator a cell of <paramref name="seed"/> samples from.</summary>
    public static long GanSeedFor(AblationConfig config, long seed) => config.GanPerSeed ? seed : config.Seeds[0];

    /// <summary>Id of a GAN job.</summary>
    public static string GanJobId(string generator, long seed) => $"gan-{generator}-s{seed.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Id of a cell.</summary>
    public static string CellId(string arm, long seed) => $"cell-{arm}-s{seed.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Lines describing the plan, for <c>--dry-run</c>.</summary>
    public IEnumerable<string> Describe()
    {
        int gans = Jobs.Count(j => j.Kind == AblationJobKind.Gan), cells = Cells.Count, detection = DetectionCells.Count;
        int patchGans = Jobs.Count(j => j.Kind == AblationJobKind.PatchGan);
        yield return $"{Jobs.Count} jobs: 1 data job, {gans} GAN job{(gans == 1 ? "" : "s")}, {cells} cell{(cells == 1 ? "" : "s")}" +
                     (patchGans > 0 ? $", {patchGans} lesion-patch GAN job{(patchGans == 1 ? "" : "s")}" : "") +
                     (detection > 0 ? $", {detection} detection cell{(detection == 1 ? "" : "s")}" : "");
        foreach (var job in Jobs)
            yield return job.DependsOn.Count == 0 ? job.Id : $"{job.Id}  (after {string.Join(", ", job.DependsOn)})";
    }
}
