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
        var output = new Option<string?>("--out") { Description = "one folder for everything the quickstart writes: DIR/phantom, DIR/runs, DIR/report [default: generated/, checkpoints/, reports/]" };
        var data = new Option<string?>("--data") { Description = "phantom dataset folder [default: generated/quickstart/phantom]" };
        var reports = new Option<string?>("--reports") { Description = "report folder [default: reports/quickstart]" };
        var dataOnly = new Option<bool>("--data-only") { Description = "stop after the data steps (no torch)" };
        var compute = new ComputeOptions();
        var command = new Command("quickstart", "Run the whole pipeline on the embedded phantom (no download): data, conditional DCGAN, synthetic rare-label images, balancing, real-only vs real+synthetic classifiers over 2 seeds, per-label gains with CIs, report; resumable");
        foreach (Option option in new Option[] { images, output, data, reports, dataOnly }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            // Flags override the config, and also the GPU sizing below (an explicit --images stays as given).
            QuickstartConfig Flags(QuickstartConfig config)
            {
                if (context.Parse.GetValue(images) is { } n) config = config with { Images = n };
                if (context.Parse.GetValue(compute.Seed) is { } s) config = config with { Seed = s };
                if (context.Parse.GetValue(output) is { } o)
                    config = config with { DataFolder = Path.Combine(o, "phantom"), RunsFolder = Path.Combine(o, "runs"), ReportFolder = Path.Combine(o, "report") };
                if (context.Parse.GetValue(data) is { } d) config = config with { DataFolder = d };
                if (context.Parse.GetValue(reports) is { } r) config = config with { ReportFolder = r };
                return config;
            }
            var fromFile = context.Section<QuickstartConfig>(QuickstartConfig.Section);
            var config = Flags(fromFile);
            if (context.Parse.GetValue(dataOnly))
            {
                var data = context.WithProgress(reporter => Quickstart.RunData(config, context.CommandLine, reporter));
                context.Console.Out.WriteLine($"quickstart (data only) done: dataset {data.Dataset}, reports {data.ReportFolder}");
                return 0;
            }
            var runtime = context.StartTorch(compute, config.Seed);
            if (runtime.Device.type == TorchSharp.DeviceType.CUDA && context.ConfigPath is null)
            {
                // On a GPU the same experiment is run bigger: more images, 128 px, a longer GAN, more epochs.
                config = Flags(fromFile.ForGpu());
                context.Reporter.Info($"quickstart on {runtime.Device}: {config.Images} images, {config.TrainingSize} px, DCGAN {config.GanKimg} kimg, {config.ClassifierEpochs} epochs per cell");
            }
            using var cancel = new CtrlC();
            try
            {
                var result = context.WithProgress(reporter => Quickstart.Run(config, context.CommandLine, runtime, reporter, cancel.Token));
                if (result.Summary is { } summary) context.Console.Out.Write(Ablate.AblationTables.Gains(summary));
                context.Console.Out.WriteLine($"quickstart done: report {Path.GetFullPath(Path.Combine(result.ReportFolder, "report.html"))} (and report.md, figures/, tables/); " +
                                              $"dataset {result.Dataset}; runs {result.AblationRun} (re-run to reuse finished jobs)");
                return 0;
            }
            catch (OperationCanceledException)
            {
                context.Console.Error.WriteLine("quickstart interrupted: finished steps are kept; run it again to continue.");
                return 130;
            }
        });
        return command;
    }
}
