using System.Globalization;
using System.Text.Json;
using XraySynth.Classify.Evaluation;
using XraySynth.Common;

namespace XraySynth.Experiments.Ablation;

/// <summary>How a local ablation run ended.</summary>
/// <param name="Ran">Jobs run now.</param>
/// <param name="Skipped">Jobs already done by an earlier run, not redone.</param>
/// <param name="Failed">Jobs that failed now, with their messages.</param>
/// <param name="Blocked">Jobs not run because a job they need failed.</param>
/// <param name="Cancelled">Stopped by Ctrl-C (finished jobs are kept; the interrupted one resumes next time).</param>
public sealed record AblationOutcome(IReadOnlyList<string> Ran, IReadOnlyList<string> Skipped, IReadOnlyList<(string Id, string Error)> Failed,
    IReadOnlyList<string> Blocked, bool Cancelled)
{
    /// <summary>True when every job of the plan is done.</summary>
    public bool Complete => !Cancelled && Failed.Count == 0 && Blocked.Count == 0;
}

/// <summary>
/// Runs an ablation's jobs one after another in this process. A job whose result file says done is skipped, so a run
/// killed at any point and started again does only what is missing; each finished job is written to the result file
/// first (the source of truth) and then into the SQLite store in one transaction. A failing job is recorded and the
/// jobs that do not need it still run.
/// </summary>
public static class AblationExecutor
{
    /// <summary>Runs every job of <paramref name="context"/>'s run that is not done yet.</summary>
    public static AblationOutcome RunLocal(AblationContext context, CancellationToken cancel)
    {
        var run = context.Run;
        var ran = new List<string>();
        var skipped = new List<string>();
        var failed = new List<(string, string)>();
        var blocked = new List<string>();
        using var store = ResultStore.Open(run.StoreFile);
        InitialiseStore(store, run);
        using var progress = context.Reporter.Start("ablate", run.Plan.Jobs.Count);
        foreach (var job in run.Plan.Jobs)
        {
            if (run.Result(job.Id) is { IsDone: true } done)
            {
                Ingest(store, run, done);
                skipped.Add(job.Id);
                progress.Advance();
                continue;
            }
            if (job.DependsOn.Any(d => run.Result(d) is not { IsDone: true }))
            {
                blocked.Add(job.Id);
                progress.Advance();
                continue;
            }
            progress.Status(job.Id);
            JobResult result;
            try
            {
                result = AblationJobRunner.Run(job, context, cancel);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                context.Reporter.Warn($"ablate: interrupted in {job.Id}; run the same command again to continue ({ran.Count + skipped.Count} of {run.Plan.Jobs.Count} jobs done)");
                return new AblationOutcome(ran, skipped, failed, blocked, Cancelled: true);
            }
            catch (Exception e) when (e is UserError or IOException or InvalidDataException or InvalidOperationException or ArgumentException
                                       or System.Runtime.InteropServices.ExternalException)
            {
                result = JobResult.FailedWith(job, e.Message, context.GitCommit, context.Runtime.Device.ToString());
                failed.Add((job.Id, e.Message));
                context.Reporter.Warn($"ablate: {job.Id} failed: {e.Message}");
            }
            result.Write(run.ResultFile(job.Id));
            Ingest(store, run, result);
            if (result.IsDone) ran.Add(job.Id);
            progress.Advance();
        }
        return new AblationOutcome(ran, skipped, failed, blocked, Cancelled: false);
    }

    /// <summary>
    /// Rebuilds the store from the result files (what a cluster run's final job, or <c>ablate collect</c>, does):
    /// every job with a result file is written, in one transaction each. Returns the number of jobs collected.
    /// </summary>
    public static int Collect(AblationRun run)
    {
        using var store = ResultStore.Open(run.StoreFile);
        InitialiseStore(store, run);
        int count = 0;
        foreach (var job in run.Plan.Jobs)
            if (run.Result(job.Id) is { } result)
            {
                Ingest(store, run, result);
                count++;
            }
        return count;
    }

    static void InitialiseStore(ResultStore store, AblationRun run)
    {
        store.SetMeta("name", run.Settings.Ablation.Name);
        store.SetMeta("settings", File.ReadAllText(run.SettingsFile));
        if (store.Meta("created_utc") is null) store.SetMeta("created_utc", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>Writes a result (and, for a finished cell, its predictions file) into the store unless it is already there unchanged.</summary>
    static void Ingest(ResultStore store, AblationRun run, JobResult result)
    {
        if (store.Jobs().Any(j => j.Id == result.Id && j.Status == result.Status && j.FinishedUtc == result.FinishedUtc)) return;
        Predictions? predictions = null;
        if (result.IsDone && result.Kind == AblationJobKind.Cell)
        {
            predictions = Predictions.Read(run.Absolute(result.Outputs["predictions"]));
            store.SetMeta("labels", JsonSerializer.Serialize(predictions.Labels));
        }
        if (result.IsDone && result.TrainPrevalence is { } prevalence)
            store.SetMeta("train_prevalence", JsonSerializer.Serialize(prevalence));
        store.Put(result, predictions);
    }
}
