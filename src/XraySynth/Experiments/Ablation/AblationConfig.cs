using System.ComponentModel;
using XraySynth.Configuration;
using XraySynth.Evaluate;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// The <c>ablation:</c> section: a matrix of arms × seeds, each cell a classifier trained on the arm's training data
/// and scored on the real test split. Generators named by the arms are trained once per seed (or once in all, with
/// <see cref="GanPerSeed"/> off) and reused by every arm that samples from them. The <c>classifier:</c> section of the
/// same file is every arm's base classifier; a <c>phantom:</c> section there makes the runner generate the dataset when
/// <see cref="Data"/> does not exist yet.
/// </summary>
public sealed record AblationConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "ablation";

    /// <summary>Run name: the run folder is <c>OUT/NAME</c> and the report <c>reports/NAME</c>.</summary>
    [Description("Run name: the run folder is OUT/NAME and its report reports/NAME (letters, digits, '-', '_', '.').")]
    public string Name { get; init; } = "ablation";

    /// <summary>Real dataset (split, checked); every cell is scored on its test split.</summary>
    [Description("Real dataset folder (split); every cell is scored on its test split. Generated from the file's phantom: section when missing.")]
    public string Data { get; init; } = "generated/ablation/phantom";

    /// <summary>Parent folder of the run folder.</summary>
    [Description("Parent folder of the run folder.")]
    public string Out { get; init; } = "checkpoints/ablations";

    /// <summary>Training seeds: every arm runs once per seed.</summary>
    [Description("Training seeds: every arm runs once per seed (3 or more for a paper).")]
    [ConfigRange(0, long.MaxValue)]
    public IReadOnlyList<long> Seeds { get; init; } = [1, 2, 3];

    /// <summary>The arm every other arm is compared with.</summary>
    [Description("Name of the arm every other arm is compared with (usually the real-only arm).")]
    public string Baseline { get; init; } = "real-only";

    /// <summary>Labels whose train prevalence is below this are "rare": highlighted, and synthesized by default.</summary>
    [Description("Labels whose train prevalence is below this fraction are rare: highlighted in the summary and synthesized when synthetic_labels is empty.")]
    [ConfigRange(0, 1)]
    public double RarePrevalence { get; init; } = 0.025;

    /// <summary>Labels the generators sample; empty = the rare labels.</summary>
    [Description("Labels the generators sample images for; empty = the rare labels.")]
    public IReadOnlyList<string> SyntheticLabels { get; init; } = [];

    /// <summary>Synthetic images sampled per label from each trained generator.</summary>
    [Description("Synthetic images sampled per label from each trained generator (arms then take what their balance setting asks for).")]
    [ConfigRange(1, 1_000_000)]
    public int SyntheticPerLabel { get; init; } = 500;

    /// <summary>Train one generator per seed (true) or one per generator shared by all seeds (false).</summary>
    [Description("Train a generator per seed (true), so the seed spread includes the GAN's; false trains one per generator, on the first seed, shared by all seeds.")]
    public bool GanPerSeed { get; init; } = true;

    /// <summary>Bootstrap resamples over patients for the confidence intervals.</summary>
    [Description("Bootstrap resamples over patients for the summary's confidence intervals.")]
    [ConfigRange(100, 100_000)]
    public int Bootstrap { get; init; } = 2000;

    /// <summary>How the summary's confidence intervals are read off the bootstrap replicates.</summary>
    [Description("Confidence intervals of the summary: percentile, or bca (bias-corrected and accelerated, closer to nominal coverage for labels with few positive patients; needs bootstrap: 1000 or more).")]
    public BootstrapMethod BootstrapMethod { get; init; } = BootstrapMethod.Percentile;

    /// <summary>Generators the arms may name.</summary>
    [Description("Generators the arms may name: each a name and a gan: section (see the gan section's keys).")]
    public IReadOnlyList<GeneratorSpec> Generators { get; init; } = [];

    /// <summary>The arms of the matrix.</summary>
    [Description("Arms: each a name and what differs from real-only training (generator + balance, oversampling, loss, sampling).")]
    public IReadOnlyList<ArmSpec> Arms { get; init; } = [new ArmSpec { Name = "real-only" }];

    /// <summary>Detection arms (each trains a detector per seed); empty = no detector in this ablation.</summary>
    [Description("Detection arms: each a name and an augmentation (none, lesion-paste); every arm trains a detector per seed (detector: section). Empty = no detection.")]
    public IReadOnlyList<DetectionArmSpec> DetectionArms { get; init; } = [];

    /// <summary>The detection arm every other detection arm is compared with.</summary>
    [Description("Name of the detection arm the others are compared with.")]
    public string DetectionBaseline { get; init; } = "real-only";

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        var detectionNames = DetectionArms.Select(a => a.Name).ToList();
        foreach (var duplicate in detectionNames.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return ("detection_arms", $"detection arm '{duplicate.Key}' is defined twice");
        if (DetectionArms.Count > 0 && !detectionNames.Contains(DetectionBaseline))
            yield return ("detection_baseline", $"'{DetectionBaseline}' is no detection arm (detection arms: {string.Join(", ", detectionNames)})");
        if (!RunNames.IsValid(Name)) yield return ("name", $"'{Name}': expected letters, digits, '-', '_' or '.'");
        if (BcaLevels.TooFewResamples(BootstrapMethod, Bootstrap))
            yield return ("bootstrap", $"bootstrap_method bca needs at least {BcaLevels.MinimumResamples} resamples (got {Bootstrap})");
        if (Seeds.Count == 0) yield return ("seeds", "expected at least one seed");
        if (Seeds.Distinct().Count() != Seeds.Count) yield return ("seeds", "a seed is listed twice");
        if (Arms.Count == 0) yield return ("arms", "expected at least one arm");
        var armNames = Arms.Select(a => a.Name).ToList();
        foreach (var duplicate in armNames.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return ("arms", $"arm '{duplicate.Key}' is defined twice");
        var generatorNames = Generators.Select(g => g.Name).ToList();
        foreach (var duplicate in generatorNames.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return ("generators", $"generator '{duplicate.Key}' is defined twice");
        if (!armNames.Contains(Baseline))
            yield return ("baseline", $"'{Baseline}' is no arm{Common.NameSuggester.Hint(Baseline, armNames)} (arms: {string.Join(", ", armNames)})");
        foreach (var arm in DetectionArms.Where(a => a.Augmentation == DetectionAugmentation.PseudoBoxes))
        {
            if (arm.Generator is { } pg && !generatorNames.Contains(pg))
                yield return ("detection_arms", $"detection arm '{arm.Name}' names generator '{pg}', which is not defined{Common.NameSuggester.Hint(pg, generatorNames)} (generators: {(generatorNames.Count == 0 ? "none" : string.Join(", ", generatorNames))})");
            var baseline = DetectionArms.FirstOrDefault(a => a.Name == DetectionBaseline);
            if (arm.Name == DetectionBaseline || (baseline is not null && baseline.Augmentation != DetectionAugmentation.None))
                yield return ("detection_arms", $"detection arm '{arm.Name}' (pseudo-boxes) takes its boxes from the detection baseline's detector, so detection_baseline '{DetectionBaseline}' must be a plain real-only arm (augmentation: none)");
        }
        foreach (var arm in Arms)
            if (arm.Generator is { } g && !generatorNames.Contains(g))
                yield return ("arms", $"arm '{arm.Name}' names generator '{g}', which is not defined{Common.NameSuggester.Hint(g, generatorNames)} (generators: {(generatorNames.Count == 0 ? "none" : string.Join(", ", generatorNames))})");
    }
}
