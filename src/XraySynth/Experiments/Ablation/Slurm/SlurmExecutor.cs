using System.Globalization;
using System.Text.Json;
using XraySynth.Common;

namespace XraySynth.Experiments.Ablation.Slurm;

/// <summary>A stage as submitted (or, in a dry run, as it would be).</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Script">Its script.</param>
/// <param name="Command">The sbatch command line (dependencies as shell variables in a dry run).</param>
/// <param name="JobId">Slurm job id; null in a dry run.</param>
public sealed record SubmittedStage(SlurmStage Stage, string Script, string Command, string? JobId);

/// <summary>One line of <c>RUN/slurm/submissions.jsonl</c>: a submitted array and the ablation jobs of its tasks.</summary>
/// <param name="SubmittedUtc">When.</param>
/// <param name="Stage">Stage name.</param>
/// <param name="SlurmJobId">Slurm (array) job id.</param>
/// <param name="Jobs">Ablation job ids, task 0 first.</param>
public sealed record SubmissionRecord(string SubmittedUtc, string Stage, string SlurmJobId, IReadOnlyList<string> Jobs);

/// <summary>Where a job stands in a Slurm run.</summary>
/// <param name="Job">Ablation job id.</param>
/// <param name="State">done, failed, pending, running, ... or missing (never submitted, or lost).</param>
/// <param name="SlurmTask">Its latest Slurm task (<c>JOB_TASK</c>), if submitted.</param>
/// <param name="Elapsed">Run time (squeue) or the result's seconds.</param>
/// <param name="LastLogLine">The last line of its task log.</param>
public sealed record SlurmJobStatus(string Job, string State, string? SlurmTask, string Elapsed, string LastLogLine);

/// <summary>
/// Runs an ablation on a Slurm cluster: the data job, one array of GAN tasks (generator × seed), one array of cells per
/// distinct set of prerequisites (so each cell waits, with afterok, only for the GAN it samples from), and a collect job
/// (afterany) that merges the per-job result files into the store. Every task is <c>xraysynth ablate run-cell</c>, the
/// same code as the local runner. Jobs that are done, or still queued or running, are never submitted twice, so the same
/// call also resubmits what failed or was lost.
/// </summary>
public static class SlurmExecutor
{
    /// <summary>The file recording every submitted array.</summary>
    public static string SubmissionsFile(AblationRun run) => Path.Combine(SlurmScripts.Folder(run), "submissions.jsonl");

    /// <summary>
    /// Writes the scripts and submits the jobs that are neither done nor active; with <paramref name="client"/> null, only
    /// writes the scripts and returns the sbatch commands it would run.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="xraysynth">Command that starts xraysynth on the nodes.</param>
    /// <param name="forward">Flags passed on to every task.</param>
    /// <param name="client">The cluster, or null for a dry run.</param>
    public static IReadOnlyList<SubmittedStage> Submit(AblationRun run, string xraysynth, IReadOnlyList<string> forward, ISlurmClient? client)
    {
        var slurm = run.Settings.Slurm;
        var status = client is null ? [] : Status(run, client).ToDictionary(s => s.Job);
        bool Done(string id) => run.Result(id)?.IsDone == true;
        bool Active(string id) => status.TryGetValue(id, out var s) && s.State is not ("done" or "failed" or "missing") && s.SlurmTask is not null;
        var todo = run.Plan.Jobs.Where(j => !Done(j.Id) && !Active(j.Id)).ToList();
        string folder = SlurmScripts.Folder(run);
        Directory.CreateDirectory(Path.Combine(folder, "logs"));

        // Slurm dependency target of each job: a task submitted now, or the active task it already has.
        var target = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in status.Values.Where(s => Active(s.Job))) target[s.Job] = s.SlurmTask!;
        var stages = new List<SubmittedStage>();
        int dryCounter = 0;

        SubmittedStage SubmitStage(SlurmStage stage, string script, string? dependency, bool afterAny = false)
        {
            AtomicFile.WriteText(Path.Combine(folder, stage.Name + ".txt"), w => { foreach (string id in stage.Jobs) w.Write(id + "\n"); });
            string scriptPath = Path.Combine(folder, stage.Name + ".sbatch");
            AtomicFile.WriteText(scriptPath, w => w.Write(script));
            string? expression = dependency is null ? null : (afterAny ? "afterany:" : "afterok:") + dependency;
            string command = "sbatch --parsable" + (expression is null ? "" : $" --dependency={expression}") + " " + SlurmScripts.Quote(scriptPath);
            string? id = null;
            if (client is not null)
            {
                id = client.Submit(scriptPath, expression);
                var record = new SubmissionRecord(DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), stage.Name, id, stage.Jobs);
                File.AppendAllText(SubmissionsFile(run), JsonSerializer.Serialize(record) + "\n");
            }
            string handle = id ?? $"${{{Variable(stage.Name)}}}";
            if (id is null) dryCounter++;
            for (int k = 0; k < stage.Jobs.Count; k++) target[stage.Jobs[k]] = $"{handle}_{k}";
            var submitted = new SubmittedStage(stage, scriptPath, id is null ? $"{Variable(stage.Name)}=$({command})" : command, id);
            stages.Add(submitted);
            return submitted;
        }

        string? Dependencies(IEnumerable<string> jobs)
        {
            var targets = jobs.Where(j => !Done(j)).Select(j => target.TryGetValue(j, out string? t) ? t
                : throw new InvalidOperationException($"job {j} is neither done nor submitted")).Distinct().Order(StringComparer.Ordinal).ToList();
            return targets.Count == 0 ? null : string.Join(":", targets);
        }

        foreach (var kind in new[] { AblationJobKind.Data, AblationJobKind.Gan, AblationJobKind.PatchGan })
        {
            var jobs = todo.Where(j => j.Kind == kind).ToList();
            if (jobs.Count == 0) continue;
            string stageName = kind switch { AblationJobKind.Data => "data", AblationJobKind.Gan => "gan", _ => "patchgan" };
            var stage = new SlurmStage(stageName, [.. jobs.Select(j => j.Id)],
                kind == AblationJobKind.Data ? slurm.TimeData : slurm.TimeGan, kind != AblationJobKind.Data, []);
            SubmitStage(stage with { DependsOn = [.. jobs.SelectMany(j => j.DependsOn)] }, SlurmScripts.Task(run, stage, xraysynth, forward), Dependencies(jobs.SelectMany(j => j.DependsOn)));
        }
        // Cells: one array per distinct set of unfinished prerequisites (data only, or data + one generator's GAN).
        // Detection cells likewise, in arrays of their own.
        foreach (var group in todo.Where(j => j.Kind is AblationJobKind.Cell or AblationJobKind.Detect)
                     .GroupBy(j => (j.Kind, string.Join(",", j.DependsOn.Where(d => !Done(d))))))
        {
            var jobs = group.ToList();
            var pending = jobs[0].DependsOn.Where(d => !Done(d)).ToList();
            string name = (group.Key.Kind == AblationJobKind.Detect ? "detect" : "cells") +
                          (pending.Any(d => d != AblationPlan.DataJobId) ? "-after-" + string.Join("-", pending.Where(d => d != AblationPlan.DataJobId)) : "");
            var stage = new SlurmStage(name, [.. jobs.Select(j => j.Id)], slurm.TimeCell, UsesGres: true, pending);
            SubmitStage(stage, SlurmScripts.Task(run, stage, xraysynth, forward), Dependencies(pending));
        }
        // Collect, after every cell that is queued now or still active, whatever their outcome.
        var cellTargets = run.Plan.Jobs.Where(c => c.Kind is AblationJobKind.Cell or AblationJobKind.Detect && !Done(c.Id) && target.ContainsKey(c.Id)).Select(c => target[c.Id]).Distinct().Order(StringComparer.Ordinal).ToList();
        if (cellTargets.Count > 0)
        {
            var collect = new SlurmStage("collect", ["collect"], slurm.TimeCollect, false, []);
            SubmitStage(collect, SlurmScripts.Collect(run, xraysynth), string.Join(":", cellTargets), afterAny: true);
        }
        _ = dryCounter;
        return stages;
    }

    /// <summary>Every job's state: its result file when it has one, else its latest Slurm task's state, else missing.</summary>
    public static IReadOnlyList<SlurmJobStatus> Status(AblationRun run, ISlurmClient client)
    {
        var latest = new Dictionary<string, (string Task, string Stage)>(StringComparer.Ordinal);
        if (File.Exists(SubmissionsFile(run)))
            foreach (string line in File.ReadAllLines(SubmissionsFile(run)).Where(l => l.Trim().Length > 0))
            {
                var record = JsonSerializer.Deserialize<SubmissionRecord>(line) ?? throw new UserError($"{SubmissionsFile(run)}: unreadable line '{line}'");
                for (int k = 0; k < record.Jobs.Count; k++) latest[record.Jobs[k]] = ($"{record.SlurmJobId}_{k}", record.Stage);
            }
        var tasks = client.Tasks([.. latest.Values.Select(v => v.Task.Split('_')[0]).Distinct()]);
        var list = new List<SlurmJobStatus>();
        foreach (var job in run.Plan.Jobs)
        {
            var result = run.Result(job.Id);
            latest.TryGetValue(job.Id, out var submitted);
            string? task = submitted.Task;
            string log = task is null ? "" : LastLine(Path.Combine(SlurmScripts.Folder(run), "logs", $"{submitted.Stage}-{task}.log"));
            if (result is not null && (result.IsDone || task is null || !tasks.TryGetValue(task, out var live) || !live.Active))
                list.Add(new SlurmJobStatus(job.Id, result.Status, task, result.Seconds.ToString("0", CultureInfo.InvariantCulture) + " s", result.Error ?? log));
            else if (task is not null && tasks.TryGetValue(task, out var state))
                list.Add(new SlurmJobStatus(job.Id, state.Active ? state.State.ToLowerInvariant() : "failed", task, state.Elapsed,
                    state.Active ? log : $"slurm {state.State}: {log}"));
            else list.Add(new SlurmJobStatus(job.Id, task is null ? "missing" : "failed", task, "", task is null ? "never submitted" : $"slurm forgot the task and it left no result: {log}"));
        }
        return list;
    }

    static string LastLine(string path)
    {
        if (!File.Exists(path)) return "";
        try
        {
            return File.ReadLines(path).Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "";
        }
        catch (IOException) { return ""; }
    }

    static string Variable(string stage) => stage.ToUpperInvariant().Replace('-', '_') + "_JOB";
}
