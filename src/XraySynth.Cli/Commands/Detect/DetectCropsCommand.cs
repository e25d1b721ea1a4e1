using System.CommandLine;
using Spectre.Console;
using XraySynth.Data;
using XraySynth.Detect.Synthesis;

namespace XraySynth.Cli.Commands.Detect;

/// <summary><c>xraysynth detect crops</c>: the lesion-patch GAN's training set, crops around real training boxes.</summary>
public static class DetectCropsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var defaults = new LesionCropConfig();
        var data = new Option<string>("--data") { Description = "real dataset folder with boxes.csv", Required = true };
        var output = new Option<string>("--out") { Description = "crops dataset folder to create (train it with 'xraysynth gan train --data OUT')", Required = true };
        var size = new Option<int?>("--size") { Description = $"crop side in pixels = the patch GAN's resolution [default: {defaults.Size}]" };
        var margin = new Option<double?>("--margin") { Description = $"context on each side as a fraction of the box's width/height [default: {defaults.Margin}]" };
        var classes = new Option<string?>("--classes") { Description = "comma-separated classes [default: every class with training boxes]" };
        var force = new Option<bool>("--force") { Description = "replace the files of a non-empty --out" };
        var command = new Command("crops", "Cut a square crop around every real training box (box + margin, resampled), labelled with its class: the training set of a lesion-patch GAN");
        foreach (Option option in new Option[] { data, output, size, margin, classes, force }) command.Options.Add(option);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var config = defaults with
            {
                Size = parse.GetValue(size) ?? defaults.Size,
                Margin = parse.GetValue(margin) ?? defaults.Margin,
                Classes = parse.GetValue(classes) is { } list ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [],
            };
            if (config.Size is < 8 or > 512) throw new Common.UserError($"--size {config.Size}: expected 8 to 512 pixels");
            if (config.Margin is < 0.05 or > 2 or double.NaN) throw new Common.UserError($"--margin {config.Margin}: expected 0.05 to 2");
            var real = Dataset.Load(parse.GetValue(data)!);
            var crops = context.WithProgress(r => LesionCrops.Write(real, config, parse.GetValue(output)!, context.CommandLine, r, parse.GetValue(force)));
            context.Console.Out.WriteLine($"wrote {crops.Root}: {crops.Images.Count} crops of {config.Size} px; next: xraysynth gan train --data {crops.Root} --kind dcgan --resolution {config.Size}");
            return 0;
        });
        return command;
    }
}
