using System.Text;

namespace XraySynth.Experiments.Ablation.Slurm;

/// <summary>
/// The job scripts of a Slurm submission, written under <c>RUN/slurm/</c>. Each stage is a job array whose task N runs
/// line N+1 of <c>STAGE.txt</c> as <c>xraysynth ablate run-cell RUN --cell ID</c>; on the time-limit warning signal the
/// task stops its training at a snapshot (SIGTERM) and requeues itself, and the requeued task resumes there.
/// </summary>
public static class SlurmScripts
{
    /// <summary>The folder of a run's scripts, lists, logs and submission records.</summary>
    public static string Folder(AblationRun run) => Path.Combine(run.Path, "slurm");

    /// <summary>The log file pattern of a stage's tasks (Slurm expands %A and %a).</summary>
    public static string LogPattern(AblationRun run, string stage) => Path.Combine(Folder(run), "logs", $"{stage}-%A_%a.log");

    /// <summary>A stage's array script.</summary>
    /// <param name="run">The run.</param>
    /// <param name="stage">The stage.</param>
    /// <param name="xraysynth">Command that starts xraysynth on a node.</param>
    /// <param name="forward">Flags passed on to every task (e.g. --device cuda --libtorch DIR).</param>
    public static string Task(AblationRun run, SlurmStage stage, string xraysynth, IReadOnlyList<string> forward)
    {
        var slurm = run.Settings.Slurm;
        var sb = new StringBuilder();
        sb.Append("#!/usr/bin/env bash\n");
        Header(sb, run, stage.Name, stage.Time, slurm.CpusPerTask, stage.UsesGres);
        string parallel = slurm.ArrayParallelism > 0 ? $"%{slurm.ArrayParallelism}" : "";
        sb.Append($"#SBATCH --array=0-{stage.Jobs.Count - 1}{parallel}\n");
        sb.Append($"#SBATCH --signal={slurm.Signal}\n");
        sb.Append("#SBATCH --requeue\n");
        foreach (string line in slurm.ExtraSbatch) sb.Append("#SBATCH ").Append(line.Trim()).Append('\n');
        sb.Append($$"""
            # Written by 'xraysynth ablate --executor slurm': task N runs the job on line N+1 of {{stage.Name}}.txt.
            set -uo pipefail
            RUN={{Quote(run.Path)}}
            ID=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" "$RUN/slurm/{{stage.Name}}.txt")
            [ -n "$ID" ] || { echo "no job on line $((SLURM_ARRAY_TASK_ID + 1)) of $RUN/slurm/{{stage.Name}}.txt" >&2; exit 2; }

            """);
        if (slurm.Setup.Trim().Length > 0) sb.Append(slurm.Setup.TrimEnd()).Append('\n');
        // Torch threads = the CPUs Slurm gave the task (more threads than cores on a shared node slows training many-fold).
        string threads = forward.Contains("--threads") ? "" : " --threads \"${SLURM_CPUS_PER_TASK:-1}\"";
        sb.Append($$"""
            echo "$(date -u +%FT%TZ) $ID: start on $(hostname), slurm task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}, restart ${SLURM_RESTART_COUNT:-0}"
            requeue() {
              echo "$(date -u +%FT%TZ) $ID: time limit near: checkpoint, then requeue"
              kill -TERM "$child" 2>/dev/null
              wait "$child"
              scontrol requeue "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
              exit 0
            }
            trap requeue USR1
            {{xraysynth}} ablate run-cell "$RUN" --cell "$ID"{{threads}}{{string.Concat(forward.Select(a => " " + Quote(a)))}} &
            child=$!
            wait "$child"
            status=$?
            echo "$(date -u +%FT%TZ) $ID: exit $status"
            exit $status

            """);
        return sb.ToString();
    }

    /// <summary>The final job: merge the result files into the store and write the report.</summary>
    public static string Collect(AblationRun run, string xraysynth)
    {
        var slurm = run.Settings.Slurm;
        var sb = new StringBuilder();
        sb.Append("#!/usr/bin/env bash\n");
        Header(sb, run, "collect", slurm.TimeCollect, 1, usesGres: false);
        sb.Append("#SBATCH --array=0-0\n");
        foreach (string line in slurm.ExtraSbatch) sb.Append("#SBATCH ").Append(line.Trim()).Append('\n');
        sb.Append($"""
            # Written by 'xraysynth ablate --executor slurm': runs after every cell (finished or not).
            set -uo pipefail
            RUN={Quote(run.Path)}

            """);
        if (slurm.Setup.Trim().Length > 0) sb.Append(slurm.Setup.TrimEnd()).Append('\n');
        sb.Append($"""
            {xraysynth} ablate collect "$RUN" || exit $?
            {xraysynth} ablate status "$RUN"
            {xraysynth} report "$RUN" --out "$RUN/report" || echo "no report yet (the baseline needs a finished cell)"

            """);
        return sb.ToString();
    }

    static void Header(StringBuilder sb, AblationRun run, string stage, string time, int cpus, bool usesGres)
    {
        var slurm = run.Settings.Slurm;
        sb.Append($"#SBATCH --job-name=xs-{run.Settings.Ablation.Name}-{stage}\n");
        sb.Append($"#SBATCH --output={LogPattern(run, stage)}\n");
        sb.Append("#SBATCH --open-mode=append\n");
        sb.Append($"#SBATCH --time={time}\n");
        sb.Append($"#SBATCH --cpus-per-task={cpus}\n");
        if (!string.IsNullOrWhiteSpace(slurm.Mem)) sb.Append($"#SBATCH --mem={slurm.Mem}\n");
        if (!string.IsNullOrWhiteSpace(slurm.Partition)) sb.Append($"#SBATCH --partition={slurm.Partition}\n");
        if (!string.IsNullOrWhiteSpace(slurm.Account)) sb.Append($"#SBATCH --account={slurm.Account}\n");
        if (!string.IsNullOrWhiteSpace(slurm.Qos)) sb.Append($"#SBATCH --qos={slurm.Qos}\n");
        if (usesGres && !string.IsNullOrWhiteSpace(slurm.Gres)) sb.Append($"#SBATCH --gres={slurm.Gres}\n");
    }

    /// <summary>Single-quotes <paramref name="text"/> for bash.</summary>
    public static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '=' or '+' or ',')
            ? text : "'" + text.Replace("'", "'\\''") + "'";
}
