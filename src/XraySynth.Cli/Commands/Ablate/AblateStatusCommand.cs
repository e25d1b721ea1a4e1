using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using XraySynth.Common;
using XraySynth.Experiments.Ablation;
using XraySynth.Experiments.Ablation.Slurm;

namespace XraySynth.Cli.Commands.Ablate;

/// <summary>
/// <c>xraysynth ablate status RUN [--resubmit-failed]</c>: every job of a run (done, failed, pending, running, missing)
/// from its result files and, for a Slurm run, squeue, with the Slurm task, elapsed time and last log line.
/// </summary>
public static class AblateStatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var runArgument = new Argument<string>("RUN") { Description = "the ablation run folder (OUT/NAME)" };
        var resubmit = new Option<bool>("--resubmit-failed") { Description = "submit again (Slurm) every job that failed or was lost, and a new collect job" };
        var command = new Command("status", "Show each job of an ablation run: done, failed, pending, running or missing, with its Slurm task, time and last log line");
        command.Arguments.Add(runArgument);
        command.Options.Add(resubmit);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var run = AblationRun.Open(context.Parse.GetValue(runArgument)!);
            bool slurm = File.Exists(SlurmExecutor.SubmissionsFile(run));
            IReadOnlyList<SlurmJobStatus> status = slurm && SlurmClient.Available()
                ? SlurmExecutor.Status(run, new SlurmClient())
                : [.. run.Plan.Jobs.Select(job => run.Result(job.Id) is { } r
                    ? new SlurmJobStatus(job.Id, r.Status, null, $"{r.Seconds:0} s", r.Error ?? "")
                    : new SlurmJobStatus(job.Id, Directory.Exists(run.JobFolder(job.Id)) ? "started" : "pending", null, "", ""))];
            var table = new Table().AddColumns("job", "state", "slurm task", "elapsed", "last log line");
            foreach (var s in status)
                table.AddRow(Markup.Escape(s.Job), s.State switch { "done" => "[green]done[/]", "failed" or "missing" => $"[red]{s.State}[/]", _ => Markup.Escape(s.State) },
                    Markup.Escape(s.SlurmTask ?? ""), Markup.Escape(s.Elapsed), Markup.Escape(s.LastLogLine.Length > 80 ? s.LastLogLine[..77] + "..." : s.LastLogLine));
            context.Console.Out.Write(table);
            int done = status.Count(s => s.State == "done"), failed = status.Count(s => s.State is "failed" or "missing");
            context.Console.Out.WriteLine($"{done} of {run.Plan.Jobs.Count} jobs done, {failed} failed or missing ({run.Path})");
            if (!context.Parse.GetValue(resubmit)) return 0;
            if (!slurm) throw new UserError($"{run.Path} was not submitted to Slurm; to finish a local run, run 'xraysynth ablate --config {run.SettingsFile}' again");
            var submit = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(Path.Combine(SlurmScripts.Folder(run), "submit.json")));
            string self = submit.GetProperty("command").GetString()!;
            var forward = submit.GetProperty("forward").EnumerateArray().Select(e => e.GetString()!).ToList();
            var stages = SlurmExecutor.Submit(run, self, forward, new SlurmClient());
            foreach (var stage in stages)
                context.Console.Out.WriteLine($"resubmitted {stage.Stage.Name}: {string.Join(", ", stage.Stage.Jobs)} -> slurm job {stage.JobId}");
            if (stages.Count == 0) context.Console.Out.WriteLine("nothing to resubmit: every job is done or still queued");
            return 0;
        });
        return command;
    }
}
