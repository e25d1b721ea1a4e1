using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using XraySynth.Classify;
using XraySynth.Classify.Training;
using XraySynth.Common;
using XraySynth.Configuration;

namespace XraySynth.Cli.Commands.Classify;

/// <summary><c>xraysynth classify train</c>: a multi-label classifier on a dataset (real, or merged with synthetic).</summary>
public static class ClassifyTrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var data = new Option<string?>("--data") { Description = "dataset folder (train on its train split, select on val)" };
        var output = new Option<string?>("--out") { Description = "folder that holds run folders [default: checkpoints]" };
        var architecture = new Option<string?>("--arch") { Description = "resnet18, resnet50 or densenet121 [default: resnet18]" };
        var size = new Option<int?>("--size") { Description = "input size in pixels [default: 64]" };
        var epochs = new Option<int?>("--epochs") { Description = "maximum epochs [default: 30]; with --resume: the new total (the learning-rate schedule is recomputed for it)" };
        var loss = new Option<string?>("--loss") { Description = "bce, weighted-bce (class weights) or focal [default: bce]" };
        var sampling = new Option<string?>("--sampling") { Description = "uniform or label-balanced [default: uniform]" };
        var resume = new Option<string?>("--resume")
        {
            Description = "continue this run folder from its newest snapshot with its own settings: --epochs, --device, --threads and --libtorch may change; " +
                          "--data, --out, --arch, --size, --loss, --sampling and --seed must match the run or be left out",
        };
        var command = new Command("train", "Train a multi-label classifier (ResNet-18/50, DenseNet-121); selects the epoch with the best validation mean AUROC");
        foreach (Option option in new Option[] { data, output, architecture, size, epochs, loss, sampling, resume }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            string? resumeRun = parse.GetValue(resume);
            ClassifierConfig config;
            if (resumeRun is null)
            {
                config = context.Section<ClassifierConfig>(ClassifierConfig.Section);
                if (parse.GetValue(data) is { } d) config = config with { Data = d };
                if (parse.GetValue(output) is { } o) config = config with { Out = o };
                if (parse.GetValue(architecture) is { } a) config = config with { Architecture = ClassifierOptions.Architecture(a) };
                if (parse.GetValue(size) is { } s) config = config with { ImageSize = s };
                if (parse.GetValue(loss) is { } l) config = config with { Loss = ClassifierOptions.Loss(l) };
                if (parse.GetValue(sampling) is { } m) config = config with { Sampling = ClassifierOptions.Sampling(m) };
            }
            else
            {
                // The run keeps its settings: a flag may only repeat them.
                var run = RunFolder.Open(resumeRun);
                config = YamlConfig.Load<ClassifierConfig>(run.ConfigFile, ClassifierConfig.Section);
                ResumeFlags.EnsureUnchanged("classify train", resumeRun,
                    new("--data", ResumeFlags.FullPath(parse.GetValue(data)), ResumeFlags.FullPath(config.Data)),
                    new("--out", ResumeFlags.FullPath(parse.GetValue(output)), ResumeFlags.FullPath(config.Out)),
                    new("--arch", parse.GetValue(architecture) is { } a ? ClassifierTrainer.Name(ClassifierOptions.Architecture(a)) : null, ClassifierTrainer.Name(config.Architecture)),
                    new("--size", Text(parse.GetValue(size)), Text(config.ImageSize)),
                    new("--loss", parse.GetValue(loss) is { } l ? ClassifierOptions.Name(ClassifierOptions.Loss(l)) : null, ClassifierOptions.Name(config.Loss)),
                    new("--sampling", parse.GetValue(sampling) is { } m ? ClassifierOptions.Name(ClassifierOptions.Sampling(m)) : null, ClassifierOptions.Name(config.Sampling)),
                    new("--seed", Text(parse.GetValue(compute.Seed)), Text(ClassifierRunInfo.Read(run.RunFile).Seed)));
            }
            if (parse.GetValue(epochs) is { } e) config = config with { Epochs = e };

            var runtime = context.StartTorch(compute);
            using var cancel = new CtrlC(context.Console.Interrupt);
            var result = context.WithProgress(reporter =>
                ClassifierTrainer.Train(new ClassifierTrainingRequest(config, resumeRun, context.CommandLine), runtime, reporter, cancel.Token));
            string summary = EpochSummary.Describe("validation mean AUROC", result.State.BestAuroc, result.State.BestEpoch,
                result.State.Epoch, config.Epochs, result.Cancelled, result.StoppedEarly);
            context.Console.Out.WriteLine($"run: {result.RunFolder} ({summary})");
            return result.Cancelled ? 130 : 0;
        });
        return command;
    }

    static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
