using System.CommandLine;
using Spectre.Console;
using XraySynth.Experiments.Ablation;

namespace XraySynth.Cli.Commands.Ablate;

/// <summary><c>xraysynth ablate collect RUN</c>: (re)builds the run's SQLite store from its per-job result files.</summary>
public static class AblateCollectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var runArgument = new Argument<string>("RUN") { Description = "the ablation run folder (OUT/NAME)" };
        var command = new Command("collect", "Merge the per-job result files of a run into its results.sqlite (what a cluster run does at the end)");
        command.Arguments.Add(runArgument);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var run = AblationRun.Open(context.Parse.GetValue(runArgument)!);
            int count = AblationExecutor.Collect(run);
            context.Console.Out.WriteLine($"collected {count} of {run.Plan.Jobs.Count} jobs into {run.StoreFile}");
            return 0;
        });
        return command;
    }
}
