using System.CommandLine;
using Spectre.Console;
using XraySynth.Data;
using XraySynth.Detect.Evaluation;

namespace XraySynth.Cli.Commands.Detect;

/// <summary><c>xraysynth detect predict</c>: boxes of a trained detector on every image of a dataset split.</summary>
public static class DetectPredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var run = new Option<string>("--run") { Description = "detector run folder", Required = true };
        var data = new Option<string>("--data") { Description = "dataset folder whose images to detect on", Required = true };
        var split = new Option<string>("--split") { Description = "split: train, val or test", DefaultValueFactory = _ => "test" };
        var minScore = new Option<double>("--min-score") { Description = "lowest score written", DefaultValueFactory = _ => 0.3 };
        var output = new Option<string?>("--out") { Description = "output folder [default: RUN/predict-DATASET-SPLIT]" };
        var command = new Command("predict", "Write predictions.csv (boxes in image-file pixels) and PNG overlays of a detector on a dataset split");
        foreach (Option option in new Option[] { run, data, split, minScore, output }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var which = ManifestEnums.ParseSplit(parse.GetValue(split)!) ?? throw new Common.UserError($"--split '{parse.GetValue(split)}': expected train, val or test");
            string runPath = parse.GetValue(run)!, dataPath = parse.GetValue(data)!;
            string folder = parse.GetValue(output) ?? Path.Combine(runPath, $"predict-{Path.GetFileName(Path.TrimEndingDirectorySeparator(dataPath))}-{ManifestEnums.Format(which)}");
            var runtime = context.StartTorch(compute);
            var predictions = context.WithProgress(r => DetectorEvaluator.Predict(runPath, dataPath, which, folder, parse.GetValue(minScore), runtime.Device, r));
            context.Console.Out.WriteLine($"{predictions.Predicted.Sum(p => p.Count)} boxes on {predictions.Images.Count} images; wrote {folder}/predictions.csv, overlays/*.png");
            return 0;
        });
        return command;
    }
}
