using System.ComponentModel;
using System.Text.RegularExpressions;
using XraySynth.Configuration;

namespace XraySynth.Experiments.Ablation.Slurm;

/// <summary>
/// The <c>slurm:</c> section of an ablation file: how <c>xraysynth ablate --executor slurm</c> asks the cluster for
/// resources. Flags of the same names override it. Empty values are left out of the job scripts (the cluster's defaults apply).
/// </summary>
public sealed partial record SlurmConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "slurm";

    /// <summary>Partition.</summary>
    [Description("Partition (--partition); empty = the cluster's default.")]
    public string? Partition { get; init; }

    /// <summary>Account.</summary>
    [Description("Account to charge (--account); empty = your default.")]
    public string? Account { get; init; }

    /// <summary>Quality of service.</summary>
    [Description("Quality of service (--qos); empty = default.")]
    public string? Qos { get; init; }

    /// <summary>Generic resources of GAN and cell tasks, e.g. gpu:1.</summary>
    [Description("Generic resources of GAN and classifier tasks (--gres), e.g. gpu:1; the data and collect jobs ask for none.")]
    public string? Gres { get; init; }

    /// <summary>CPUs per task.</summary>
    [Description("CPUs per task (--cpus-per-task).")]
    [ConfigRange(1, 1024)]
    public int CpusPerTask { get; init; } = 4;

    /// <summary>Memory per task, e.g. 16G.</summary>
    [Description("Memory per task (--mem), e.g. 16G; empty = default.")]
    public string? Mem { get; init; } = "16G";

    /// <summary>Time limit of the data job.</summary>
    [Description("Time limit of the data job (--time, [D-]HH:MM:SS).")]
    public string TimeData { get; init; } = "02:00:00";

    /// <summary>Time limit of each GAN task.</summary>
    [Description("Time limit of each GAN task; a task near it checkpoints and requeues itself.")]
    public string TimeGan { get; init; } = "1-00:00:00";

    /// <summary>Time limit of each classifier cell.</summary>
    [Description("Time limit of each classifier cell; a task near it checkpoints and requeues itself.")]
    public string TimeCell { get; init; } = "12:00:00";

    /// <summary>Time limit of the collect job.</summary>
    [Description("Time limit of the final collect + report job.")]
    public string TimeCollect { get; init; } = "01:00:00";

    /// <summary>Most array tasks running at once (0 = no limit).</summary>
    [Description("Most array tasks of one stage running at once (--array=...%N); 0 = no limit.")]
    [ConfigRange(0, 100_000)]
    public int ArrayParallelism { get; init; }

    /// <summary>Warning signal before the time limit.</summary>
    [Description("Warning before the time limit (--signal): the task checkpoints and requeues itself on it.")]
    public string Signal { get; init; } = "B:USR1@120";

    /// <summary>Extra #SBATCH lines.</summary>
    [Description("Extra #SBATCH options, one per item, e.g. '--constraint=a100' or '--exclusive'.")]
    public IReadOnlyList<string> ExtraSbatch { get; init; } = [];

    /// <summary>Shell lines run before xraysynth in every task.</summary>
    [Description("Shell lines run before xraysynth in every task, e.g. 'module load cuda/12.4' and 'export XRAYSYNTH_LIBTORCH=...'.")]
    public string Setup { get; init; } = "";

    /// <summary>The command that runs xraysynth on the nodes; empty = the one running now.</summary>
    [Description("Command that runs xraysynth on the compute nodes (on the shared filesystem); empty = the xraysynth running 'ablate'.")]
    public string Command { get; init; } = "";

    [GeneratedRegex(@"^(\d+-)?\d{1,2}(:\d{2}){0,2}$|^\d+$")]
    private static partial Regex TimeFormat();

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        foreach (var (key, value) in new[] { ("time_data", TimeData), ("time_gan", TimeGan), ("time_cell", TimeCell), ("time_collect", TimeCollect) })
            if (!TimeFormat().IsMatch(value)) yield return (key, $"'{value}': expected a Slurm time such as 12:00:00, 90 (minutes) or 1-00:00:00");
        if (!Regex.IsMatch(Signal, @"^(B:|R:|RB:)?[A-Z0-9]+(@\d+)?$")) yield return ("signal", $"'{Signal}': expected e.g. B:USR1@120");
        foreach (string line in ExtraSbatch)
            if (!line.TrimStart().StartsWith('-') || line.Contains('\n')) yield return ("extra_sbatch", $"'{line}': expected one sbatch option such as --constraint=a100");
    }
}
