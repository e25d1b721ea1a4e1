using XraySynth.Classify;
using XraySynth.Configuration;
using XraySynth.Data.Phantom;
using XraySynth.Detect;
using XraySynth.Data.Splitting;
using XraySynth.Experiments.Ablation.Slurm;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// Everything an ablation file says: the <c>ablation:</c> section, the base <c>classifier:</c> every arm starts from,
/// and, to generate the dataset when it is missing, <c>phantom:</c> (and <c>split:</c>). The run folder keeps these
/// resolved (paths absolute) in <c>ablation.yaml</c>, so every job, in this process or on a cluster node, reads the same.
/// </summary>
/// <param name="Ablation">The matrix.</param>
/// <param name="Classifier">Base classifier of every arm (its data and out are set per cell).</param>
/// <param name="Phantom">Phantom to generate into <see cref="AblationConfig.Data"/> when that folder has no dataset; null = none.</param>
/// <param name="Split">Split of a generated phantom.</param>
/// <param name="Slurm">Cluster resources for <c>--executor slurm</c>.</param>
/// <param name="Detector">Base detector of every detection arm (its data and out are set per cell).</param>
public sealed record AblationSettings(AblationConfig Ablation, ClassifierConfig Classifier, PhantomConfig? Phantom, SplitConfig Split, SlurmConfig Slurm,
    DetectorConfig Detector)
{
    /// <summary>Loads the sections of <paramref name="path"/>; relative paths are resolved against the current directory.</summary>
    /// <exception cref="ConfigError">Any problem in any section (all listed with file:line).</exception>
    public static AblationSettings Load(string path)
    {
        var keys = YamlConfig.TopLevelKeys(path).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        if (!keys.Contains(AblationConfig.Section))
            throw new Common.UserError($"{path}: no '{AblationConfig.Section}:' section; an ablation file needs one (see configs/ablation-phantom.yaml)");
        var ablation = YamlConfig.Load<AblationConfig>(path, AblationConfig.Section);
        var classifier = YamlConfig.Load<ClassifierConfig>(path, ClassifierConfig.Section);
        PhantomConfig? phantom = keys.Contains(PhantomConfig.Section) ? YamlConfig.Load<PhantomConfig>(path, PhantomConfig.Section) : null;
        var split = YamlConfig.Load<SplitConfig>(path, SplitConfig.Section);
        var slurm = YamlConfig.Load<SlurmConfig>(path, SlurmConfig.Section);
        var detector = YamlConfig.Load<DetectorConfig>(path, DetectorConfig.Section);
        return new AblationSettings(ablation, classifier, phantom, split, slurm, detector).Resolved();
    }

    /// <summary>The same settings with the data and output folders made absolute.</summary>
    public AblationSettings Resolved() => this with
    {
        Ablation = Ablation with { Data = Path.GetFullPath(Ablation.Data), Out = Path.GetFullPath(Ablation.Out) },
    };

    /// <summary>The settings as YAML (every key, documented), loadable by <see cref="Load"/>.</summary>
    public string ToYaml() => ToYaml(includeSlurm: true);

    /// <summary>
    /// What decides whether two configs are the same experiment: the settings without what only the cluster or the
    /// summary reads (the <c>slurm:</c> section, <c>ablation.bootstrap</c> and <c>ablation.bootstrap_method</c>), which
    /// may change between runs of one experiment without touching its jobs.
    /// </summary>
    public string ExperimentIdentity()
    {
        var defaults = new AblationConfig();
        return (this with { Ablation = Ablation with { Bootstrap = defaults.Bootstrap, BootstrapMethod = defaults.BootstrapMethod } }).ToYaml(includeSlurm: false);
    }

    /// <summary>The settings as YAML, with or without the <c>slurm:</c> section.</summary>
    public string ToYaml(bool includeSlurm)
    {
        var sections = new List<string>
        {
            "# Resolved ablation settings (written by 'xraysynth ablate'); every job of the run reads this file.\n",
            YamlConfigWriter.Write(Ablation, AblationConfig.Section),
            YamlConfigWriter.Write(Classifier, ClassifierConfig.Section),
        };
        if (Ablation.DetectionArms.Count > 0) sections.Add(YamlConfigWriter.Write(Detector, DetectorConfig.Section));
        if (Phantom is not null) sections.Add(YamlConfigWriter.Write(Phantom, PhantomConfig.Section));
        sections.Add(YamlConfigWriter.Write(Split, SplitConfig.Section));
        if (includeSlurm) sections.Add(YamlConfigWriter.Write(Slurm, SlurmConfig.Section));
        return string.Join("\n", sections);
    }
}
