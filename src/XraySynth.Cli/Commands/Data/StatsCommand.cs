using System.CommandLine;
using XraySynth.Data;
using XraySynth.Data.Stats;

namespace XraySynth.Cli.Commands.Data;

/// <summary><c>xraysynth data stats DATASET [--out DIR]</c>: label counts, prevalence, imbalance, co-occurrence; CSV and PNG.</summary>
public static class StatsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var dataset = new Argument<string>("DATASET") { Description = "dataset folder (holding manifest.csv and dataset.json)" };
        var output = new Option<string?>("--out") { Description = "folder for label_counts.csv, cooccurrence.csv, splits.csv and the PNG figures [default: reports/<dataset-name>-stats]" };
        var command = new Command("stats", "Per-split label counts, prevalence, imbalance ratio, co-occurrence, patients, real vs synthetic; as tables, CSV and PNG figures");
        command.Arguments.Add(dataset);
        command.Options.Add(output);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var data = Dataset.Load(context.Parse.GetValue(dataset)!);
            string folder = context.Parse.GetValue(output) ?? StatsReport.DefaultFolder(data);
            var (stats, files) = StatsReport.Write(data, folder);
            context.Console.Out.Write(StatsTables.Splits(stats));
            context.Console.Out.Write(StatsTables.Labels(stats));
            context.Reporter.Info($"wrote {files.Count} files to {folder}: {string.Join(", ", files.Select(Path.GetFileName))}");
            return 0;
        });
        return command;
    }
}
