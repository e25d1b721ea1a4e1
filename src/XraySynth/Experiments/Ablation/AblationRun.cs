using XraySynth.Common;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// An ablation run folder <c>OUT/NAME/</c>: <c>ablation.yaml</c> (resolved settings), <c>plan.txt</c>, <c>jobs/ID/</c>
/// (each job's work: GAN and classifier runs, balanced datasets, predictions), <c>results/ID.json</c> (one file per
/// finished job: the source of truth) and <c>results.sqlite</c> (the store the summary and report read, rebuilt from the
/// result files by <c>ablate collect</c>).
/// </summary>
public sealed class AblationRun
{
    /// <summary>Resolved settings file name.</summary>
    public const string SettingsFileName = "ablation.yaml";

    /// <summary>Absolute path of the run folder.</summary>
    public string Path { get; }

    /// <summary>The settings every job reads.</summary>
    public AblationSettings Settings { get; }

    /// <summary>The jobs.</summary>
    public AblationPlan Plan { get; }

    /// <summary>
    /// True when <see cref="CreateOrContinue"/> reopened the run with other summary settings (its bootstrap) than it held:
    /// a summary or report written before is then out of date until recomputed.
    /// </summary>
    public bool SummarySettingsChanged { get; private set; }

    AblationRun(string path, AblationSettings settings)
    {
        Path = System.IO.Path.GetFullPath(path);
        Settings = settings;
        Plan = AblationPlan.From(settings.Ablation);
    }

    /// <summary>The resolved settings file.</summary>
    public string SettingsFile => System.IO.Path.Combine(Path, SettingsFileName);

    /// <summary>The SQLite store.</summary>
    public string StoreFile => System.IO.Path.Combine(Path, "results.sqlite");

    /// <summary>Folder of the per-job result files.</summary>
    public string ResultsFolder => System.IO.Path.Combine(Path, "results");

    /// <summary>Work folder of a job.</summary>
    public string JobFolder(string id) => System.IO.Path.Combine(Path, "jobs", id);

    /// <summary>Result file of a job.</summary>
    public string ResultFile(string id) => System.IO.Path.Combine(ResultsFolder, id + ".json");

    /// <summary>A path under the run folder, as stored in results (relative, '/' separators).</summary>
    public string Relative(string fullPath) => System.IO.Path.GetRelativePath(Path, fullPath).Replace('\\', '/');

    /// <summary>An output path of a result, made absolute.</summary>
    public string Absolute(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relative));

    /// <summary>The job's result, or null when it has none yet.</summary>
    public JobResult? Result(string id) => JobResult.Read(ResultFile(id));

    /// <summary>The job's result; a clear error when it has not finished.</summary>
    /// <exception cref="UserError">No finished result.</exception>
    public JobResult DoneResult(string id) =>
        Result(id) is { IsDone: true } result ? result
            : throw new UserError($"{Path}: job {id} has not finished (no {ResultFile(id)} with status done); run 'xraysynth ablate' on the run first");

    /// <summary>
    /// Creates the run folder for <paramref name="settings"/> (OUT/NAME), or reopens it when it exists with the same
    /// settings, so a re-run continues. Different settings under the same name are refused: results would mix. Settings
    /// only the cluster or the summary reads (<see cref="AblationSettings.ExperimentIdentity"/>) may change: the newest are kept.
    /// </summary>
    /// <exception cref="UserError">The folder holds another config.</exception>
    public static AblationRun CreateOrContinue(AblationSettings settings)
    {
        string path = System.IO.Path.Combine(settings.Ablation.Out, settings.Ablation.Name);
        var run = new AblationRun(path, settings);
        string yaml = settings.ToYaml();
        if (File.Exists(run.SettingsFile))
        {
            var existing = AblationSettings.Load(run.SettingsFile);
            if (existing.ExperimentIdentity() != settings.ExperimentIdentity())
                throw new UserError($"{path} holds an ablation with other settings ({run.SettingsFile} differs from this config); " +
                                    "give the new experiment another ablation.name, or delete that folder to start over");
            // Only the cluster resources and the summary's bootstrap may change between runs of one experiment: keep the newest.
            // Same experiment, so the settings without slurm: differ only where ExperimentIdentity ignores them: the summary's.
            run.SummarySettingsChanged = existing.ToYaml(includeSlurm: false) != settings.ToYaml(includeSlurm: false);
            if (File.ReadAllText(run.SettingsFile) != yaml) AtomicFile.WriteText(run.SettingsFile, w => w.Write(yaml));
            return run;
        }
        if (FinishedGrowth.Problems(settings.Ablation).ToList() is { Count: > 0 } problems)
            throw new UserError($"ablation '{settings.Ablation.Name}': {string.Join("; ", problems)}");
        Directory.CreateDirectory(run.ResultsFolder);
        AtomicFile.WriteText(run.SettingsFile, w => w.Write(yaml));
        AtomicFile.WriteText(System.IO.Path.Combine(path, "plan.txt"), w =>
        {
            foreach (string line in run.Plan.Describe()) w.WriteLine(line);
        });
        return run;
    }

    /// <summary>Opens an existing run folder (one with ablation.yaml).</summary>
    /// <exception cref="UserError">Not an ablation run.</exception>
    public static AblationRun Open(string path)
    {
        string file = System.IO.Path.Combine(path, SettingsFileName);
        if (!File.Exists(file))
            throw new UserError($"{path}: not an ablation run folder (expected {SettingsFileName} written by 'xraysynth ablate')");
        return new AblationRun(path, AblationSettings.Load(file));
    }
}
