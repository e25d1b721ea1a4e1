using System.CommandLine;
using Spectre.Console;
using XraySynth.Experiments;

namespace XraySynth.Cli.Commands;

/// <summary><c>xraysynth quickstart</c>: the whole experiment on the embedded phantom, no download.</summary>
public static class QuickstartCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var images = new Option<int?>("--images") { Description = "phantom images to generate [default: 2000]" };
        var seed = new Option<long?>("--seed") { Description = "seed of every stage [default: 1]" };
        var data = new Option<string?>("--data") { Description = "phantom dataset folder [default: generated/quickstart/phantom]" };
        var reports = new Option<string?>("--reports") { Description = "report folder [default: reports/quickstart]" };
        var command = new Command("quickstart", "Run the whole pipeline on the embedded phantom (no download): data, and each later stage as it exists; resumable");
        foreach (Option option in new Option[] { images, seed, data, reports }) command.Options.Add(option);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var config = context.Section<QuickstartConfig>(QuickstartConfig.Section);
            if (context.Parse.GetValue(images) is { } n) config = config with { Images = n };
            if (context.Parse.GetValue(seed) is { } s) config = config with { Seed = s };
            if (context.Parse.GetValue(data) is { } d) config = config with { DataFolder = d };
            if (context.Parse.GetValue(reports) is { } r) config = config with { ReportFolder = r };
            var result = context.WithProgress(reporter => Quickstart.Run(config, context.CommandLine, reporter));
            context.Console.Out.WriteLine($"quickstart done: dataset {result.Dataset}, reports {result.ReportFolder}");
            return 0;
        });
        return command;
    }
}
