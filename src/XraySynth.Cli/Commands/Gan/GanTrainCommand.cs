using System.CommandLine;
using Spectre.Console;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Data;
using XraySynth.Evaluate.Synthetic;
using XraySynth.Gan;
using XraySynth.Gan.Training;

namespace XraySynth.Cli.Commands.Gan;

/// <summary><c>xraysynth gan train</c>: a new run from a config (flags override it), or <c>--resume RUN</c>.</summary>
public static class GanTrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var data = new Option<string?>("--data") { Description = "dataset folder (its train split is used)" };
        var output = new Option<string?>("--out") { Description = "folder that holds run folders [default: checkpoints]" };
        var kind = new Option<string?>("--kind") { Description = "pggan or dcgan [default: pggan]" };
        var resolution = new Option<int?>("--resolution") { Description = "final resolution in pixels" };
        var kimg = new Option<double?>("--kimg") { Description = "training length in thousands of real images (with --resume: the new total)" };
        var labels = new Option<string?>("--labels") { Description = "comma-separated labels: train only on images with them (focus: subset)" };
        var balanced = new Option<bool>("--balanced") { Description = "label-balanced sampling of training batches (focus: balanced)" };
        var resume = new Option<string?>("--resume") { Description = "continue this run folder from its newest snapshot (its config.yaml is used)" };
        var command = new Command("train", "Train a class-conditional GAN on a dataset's prepared cache; snapshots, logs and sample grids go to checkpoints/NNNNN-*/");
        var qualityKimg = new Option<double?>("--quality-kimg") { Description = "track pixel FID/KID into the run's quality.csv every this many kimg (0 = off) [default: gan.quality_kimg]" };
        foreach (Option option in new Option[] { data, output, kind, resolution, kimg, labels, balanced, resume, qualityKimg }) command.Options.Add(option);
        compute.AddTo(command);

        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            GanConfig config;
            string? resumeRun = parse.GetValue(resume);
            if (resumeRun is not null)
            {
                config = YamlConfig.Load<GanConfig>(RunFolder.Open(resumeRun).ConfigFile, GanConfig.Section);
                if (parse.GetValue(kimg) is { } more) config = config with { Kimg = more };
                if (parse.GetValue(qualityKimg) is { } every) config = config with { QualityKimg = every };
            }
            else
            {
                config = context.Section<GanConfig>(GanConfig.Section);
                if (parse.GetValue(data) is { } d) config = config with { Data = d };
                if (parse.GetValue(output) is { } o) config = config with { Out = o };
                if (parse.GetValue(kind) is { } k) config = config with { Kind = ParseKind(k) };
                if (parse.GetValue(resolution) is { } r)
                    config = config with { Pggan = config.Pggan with { Resolution = r }, Dcgan = config.Dcgan with { Resolution = r } };
                if (parse.GetValue(kimg) is { } n) config = config with { Kimg = n };
                if (parse.GetValue(qualityKimg) is { } every) config = config with { QualityKimg = every };
                if (parse.GetValue(labels) is { } l)
                    config = config with { Focus = LabelFocus.Subset, Labels = l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                if (parse.GetValue(balanced)) config = config with { Focus = LabelFocus.Balanced };
                ValidateResolution(config);
            }

            var runtime = context.StartTorch(compute);
            using var cancel = new CtrlC();
            var result = context.WithProgress(reporter =>
            {
                // FID/KID over kimg on pixel features (gan.quality_kimg > 0): the metric comes from the Evaluate stage.
                var quality = config.QualityKimg > 0 && config.Data is { } dataFolder
                    ? new PixelQualityProbe(Dataset.Load(dataFolder), config.QualityImages, runtime.Seed, runtime.Device, reporter) : null;
                return GanTrainer.Train(new GanTrainingRequest(config, resumeRun, context.CommandLine), runtime, reporter, cancel.Token, quality: quality);
            });
            context.Console.Out.WriteLine($"run: {result.RunFolder} ({result.State.Kimg:0.###} kimg, snapshot {Path.GetFileName(result.LastSnapshot)})");
            return result.Cancelled ? 130 : 0;
        });
        return command;
    }

    static GanKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "pggan" => GanKind.Pggan,
        "dcgan" => GanKind.Dcgan,
        _ => throw new Common.UserError($"--kind '{text}': expected pggan or dcgan"),
    };

    static void ValidateResolution(GanConfig config)
    {
        var problems = config.Kind == GanKind.Pggan ? config.Pggan.Validate() : config.Dcgan.Validate();
        foreach (var (key, message) in problems) throw new Common.UserError($"--resolution: {message} ({key})");
        if (config.Kind == GanKind.Pggan && (config.Pggan.Resolution < 8 || config.Pggan.Resolution > 1024))
            throw new Common.UserError($"--resolution {config.Pggan.Resolution}: PGGAN grows from 4 to 8 ... 1024");
    }
}
