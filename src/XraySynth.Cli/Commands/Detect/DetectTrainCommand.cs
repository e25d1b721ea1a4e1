using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Detect;
using XraySynth.Detect.Training;

namespace XraySynth.Cli.Commands.Detect;

/// <summary><c>xraysynth detect train</c>: a CenterNet-style detector on a dataset's boxes.</summary>
public static class DetectTrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var data = new Option<string?>("--data") { Description = "dataset folder with boxes.csv (train on its train split, select on val)" };
        var output = new Option<string?>("--out") { Description = "folder that holds run folders [default: checkpoints]" };
        var size = new Option<int?>("--size") { Description = "input size in pixels, a multiple of 32 [default: 128]" };
        var width = new Option<int?>("--width") { Description = "channels of the first backbone stage (64 = ResNet-18) [default: 64]" };
        var epochs = new Option<int?>("--epochs") { Description = "maximum epochs [default: 40]; with --resume: the new total (the learning-rate schedule is recomputed for it)" };
        var resume = new Option<string?>("--resume")
        {
            Description = "continue this run folder from its newest snapshot with its own settings: --epochs, --device, --threads and --libtorch may change; " +
                          "--data, --out, --size, --width and --seed must match the run or be left out",
        };
        var command = new Command("train", "Train a single-stage anchor-free detector (CenterNet heads on a ResNet-18 + FPN); selects the epoch with the best validation mean AP@0.5");
        foreach (Option option in new Option[] { data, output, size, width, epochs, resume }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            string? resumeRun = parse.GetValue(resume);
            DetectorConfig config;
            if (resumeRun is null)
            {
                config = context.Section<DetectorConfig>(DetectorConfig.Section);
                if (parse.GetValue(data) is { } d) config = config with { Data = d };
                if (parse.GetValue(output) is { } o) config = config with { Out = o };
                if (parse.GetValue(size) is { } s) config = config with { ImageSize = s };
                if (parse.GetValue(width) is { } w) config = config with { Width = w };
            }
            else
            {
                // The run keeps its settings: a flag may only repeat them.
                var run = RunFolder.Open(resumeRun);
                config = YamlConfig.Load<DetectorConfig>(run.ConfigFile, DetectorConfig.Section);
                ResumeFlags.EnsureUnchanged("detect train", resumeRun,
                    new("--data", ResumeFlags.FullPath(parse.GetValue(data)), ResumeFlags.FullPath(config.Data)),
                    new("--out", ResumeFlags.FullPath(parse.GetValue(output)), ResumeFlags.FullPath(config.Out)),
                    new("--size", Text(parse.GetValue(size)), Text(config.ImageSize)),
                    new("--width", Text(parse.GetValue(width)), Text(config.Width)),
                    new("--seed", Text(parse.GetValue(compute.Seed)), Text(DetectorRunInfo.Read(run.RunFile).Seed)));
            }
            if (parse.GetValue(epochs) is { } e) config = config with { Epochs = e };

            var runtime = context.StartTorch(compute);
            using var cancel = new CtrlC(context.Console.Interrupt);
            var result = context.WithProgress(reporter =>
                DetectorTrainer.Train(new DetectorTrainingRequest(config, resumeRun, context.CommandLine), runtime, reporter, cancel.Token));
            string summary = EpochSummary.Describe("validation mAP@0.5", result.State.BestMap, result.State.BestEpoch,
                result.State.Epoch, config.Epochs, result.Cancelled, result.StoppedEarly);
            context.Console.Out.WriteLine($"run: {result.RunFolder} ({summary})");
            return result.Cancelled ? 130 : 0;
        });
        return command;
    }

    static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
