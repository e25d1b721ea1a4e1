namespace XraySynth.Experiments.Ablation.Slurm;

/// <summary>One job array of a Slurm submission: a stage's jobs, one array task per job.</summary>
/// <param name="Name">Stage name, also the script and list file stem (e.g. <c>gan</c>, <c>cells-after-gan</c>).</param>
/// <param name="Jobs">Ablation job ids, one per array task, in task order.</param>
/// <param name="Time">Time limit per task.</param>
/// <param name="UsesGres">Whether the tasks ask for the configured generic resources (GPUs).</param>
/// <param name="DependsOn">Slurm dependency targets (job ids or job_task ids) that must succeed first (afterok).</param>
public sealed record SlurmStage(string Name, IReadOnlyList<string> Jobs, string Time, bool UsesGres, IReadOnlyList<string> DependsOn);
