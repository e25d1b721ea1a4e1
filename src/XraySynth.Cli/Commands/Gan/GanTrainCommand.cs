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
        var resume = new Option<string?>("--resume")
        {
            Description = "continue this run folder from its newest snapshot with its config.yaml and seed; --kimg (new total), --quality-kimg, --max-minutes " +
                          "and compute flags may be given, other settings only with the run's values",
        };
        var command = new Command("train", "Train a class-conditional GAN on a dataset's prepared cache; snapshots, logs and sample grids go to checkpoints/NNNNN-*/");
        var qualityKimg = new Option<double?>("--quality-kimg") { Description = "track pixel FID/KID into the run's quality.csv every this many kimg (0 = off) [default: gan.quality_kimg]" };
        var maxMinutes = new Option<double?>("--max-minutes")
        {
            Description = "stop after this many minutes of training with a snapshot and a sample grid, exit code 75 (EX_TEMPFAIL): continue with --resume (cluster time limits)",
        };
        foreach (Option option in new Option[] { data, output, kind, resolution, kimg, labels, balanced, resume, qualityKimg, maxMinutes }) command.Options.Add(option);
        compute.AddTo(command);

        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            GanConfig config;
            string? resumeRun = parse.GetValue(resume);
            if (resumeRun is not null)
            {
                var folder = RunFolder.Open(resumeRun);
                config = YamlConfig.Load<GanConfig>(folder.ConfigFile, GanConfig.Section);
                var info = GanRunInfo.Read(folder.RunFile);
                GanResumeFlags.Check(resumeRun, config, info.Dataset, info.Seed, new GanResumeFlags.Given(parse.GetValue(data), parse.GetValue(output),
                    parse.GetValue(kind), parse.GetValue(resolution), parse.GetValue(labels), parse.GetValue(balanced), parse.GetValue(compute.Seed)));
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

            TimeSpan? timeLimit = null;
            if (parse.GetValue(maxMinutes) is { } minutes)
            {
                if (!(minutes > 0) || double.IsInfinity(minutes)) throw new Common.UserError($"--max-minutes {minutes}: expected a positive number of minutes");
                timeLimit = TimeSpan.FromMinutes(minutes);
            }

            var runtime = context.StartTorch(compute);
            using var cancel = new CtrlC();
            var result = context.WithProgress(reporter =>
            {
                // FID/KID over kimg on pixel features (gan.quality_kimg > 0): the metric comes from the Evaluate stage.
                var quality = config.QualityKimg > 0 && config.Data is { } dataFolder
                    ? new PixelQualityProbe(Dataset.Load(dataFolder), config.QualityImages, runtime.Seed, runtime.Device, reporter) : null;
                return GanTrainer.Train(new GanTrainingRequest(config, resumeRun, context.CommandLine, timeLimit), runtime, reporter, cancel.Token, quality: quality);
            });
            context.Console.Out.WriteLine($"run: {result.RunFolder} ({result.State.Kimg:0.###} kimg, snapshot {Path.GetFileName(result.LastSnapshot)})");
            return result.Cancelled ? 130 : result.TimeLimitReached ? TimeLimitExitCode : 0;
        });
        return command;
    }

    /// <summary>Exit code when <c>--max-minutes</c> stopped training before its kimg (EX_TEMPFAIL: resume later).</summary>
    public const int TimeLimitExitCode = 75;

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
