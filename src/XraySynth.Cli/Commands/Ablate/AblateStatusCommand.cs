using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using XraySynth.Experiments.Ablation;

namespace XraySynth.Cli.Commands.Ablate;

/// <summary><c>xraysynth ablate status RUN</c>: every job of a run with its state (done, failed, pending) from the result files.</summary>
public static class AblateStatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var runArgument = new Argument<string>("RUN") { Description = "the ablation run folder (OUT/NAME)" };
        var command = new Command("status", "Show each job of an ablation run: done, failed or pending, with its time and outputs");
        command.Arguments.Add(runArgument);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var run = AblationRun.Open(context.Parse.GetValue(runArgument)!);
            var table = new Table().AddColumns("job", "state", "seconds", "detail");
            int done = 0, failed = 0;
            foreach (var job in run.Plan.Jobs)
            {
                var result = run.Result(job.Id);
                string state = result is null ? (Directory.Exists(run.JobFolder(job.Id)) ? "started" : "pending") : result.Status;
                if (result?.IsDone == true) done++;
                if (result is { IsDone: false }) failed++;
                string detail = result?.Error ?? (result?.Outputs.TryGetValue("classifier", out var c) == true ? c : result?.Outputs.TryGetValue("gan", out var g) == true ? g : "");
                table.AddRow(Markup.Escape(job.Id), state switch { "done" => "[green]done[/]", "failed" => "[red]failed[/]", _ => state },
                    result is null ? "" : result.Seconds.ToString("0", CultureInfo.InvariantCulture), Markup.Escape(detail));
            }
            context.Console.Out.Write(table);
            context.Console.Out.WriteLine($"{done} of {run.Plan.Jobs.Count} jobs done, {failed} failed ({run.Path})");
            return 0;
        });
        return command;
    }
}
