using System.CommandLine;
using Spectre.Console;
using XraySynth.Data;
using XraySynth.Data.Checks;

namespace XraySynth.Cli.Commands.Data;

/// <summary><c>xraysynth data check DATASET [--decode]</c>: runs every dataset check; exit code 1 when any fails.</summary>
public static class CheckCommand
{
    /// <summary>Exit code when a check found an error.</summary>
    public const int FailedExitCode = 1;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var dataset = new Argument<string>("DATASET") { Description = "dataset folder (holding manifest.csv and dataset.json)" };
        var decode = new Option<bool>("--decode") { Description = "fully decode every image (slow; finds truncated files) instead of reading headers only" };
        var command = new Command("check", "Check a dataset: patients in one split, synthetic only in train, image files present and of the manifest's size, boxes valid");
        command.Arguments.Add(dataset);
        command.Options.Add(decode);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var data = Dataset.Load(context.Parse.GetValue(dataset)!);
            var options = new CheckOptions { Decode = context.Parse.GetValue(decode) };
            var report = context.WithProgress(reporter => DatasetChecks.Run(data, options, reporter));
            foreach (var problem in report.Problems) context.Console.Error.WriteLine(problem.ToString());
            context.Console.Out.WriteLine(report.Summary);
            return report.Passed ? 0 : FailedExitCode;
        });
        return command;
    }
}
