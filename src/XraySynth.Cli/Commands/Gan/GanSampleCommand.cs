using System.CommandLine;
using XraySynth.Gan.Sampling;

namespace XraySynth.Cli.Commands.Gan;

/// <summary><c>xraysynth gan sample</c>: synthetic images for chosen labels as a dataset folder.</summary>
public static class GanSampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var run = new Option<string?>("--run") { Description = "GAN run folder (checkpoints/NNNNN-...)" };
        var bundle = new Option<string?>("--bundle") { Description = "sample from a shared bundle (NAME.xsgan, verified first) instead of a run" };
        var onnx = new Option<string?>("--onnx") { Description = "sample from an exported ONNX generator with ONNX Runtime (CPU) instead of a run" };
        var labels = new Option<string>("--labels")
        {
            Description = "conditions, comma-separated; '|' combines labels in one image; 'No Finding' for none (e.g. Hernia,Effusion|Hernia)",
            Required = true,
        };
        var count = new Option<int>("--count") { Description = "images per condition", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--out") { Description = "dataset folder to create (e.g. generated/hernia)", Required = true };
        var truncation = new Option<double>("--truncation") { Description = "truncation psi: latents scaled by it (1 = none)", DefaultValueFactory = _ => 1.0 };
        var batch = new Option<int>("--batch") { Description = "images per forward pass", DefaultValueFactory = _ => 64 };
        var snapshot = new Option<string?>("--snapshot") { Description = "a specific snapshot file [default: the run's newest]" };
        var force = new Option<bool>("--force") { Description = "replace a non-empty output folder" };
        var allowUnfinished = new Option<bool>(UnfinishedGenerator.Flag)
        {
            Description = "sample a PGGAN that has not finished growing (refused otherwise): warns, writes images at the resolution it generates",
        };
        var command = new Command("sample", "Sample synthetic images for chosen labels into a dataset folder (manifest records generator hash, seed, truncation)");
        foreach (Option option in new Option[] { run, bundle, onnx, labels, count, output, truncation, batch, snapshot, force, allowUnfinished }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var runtime = context.StartTorch(compute);
            var conditions = parse.GetValue(labels)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => (IReadOnlyList<string>)(c == "No Finding" ? [] : c.Split('|', StringSplitOptions.TrimEntries))).ToList();
            var request = new SampleRequest(parse.GetValue(run) ?? "", conditions, parse.GetValue(count), parse.GetValue(output)!,
                runtime.Seed, parse.GetValue(truncation), parse.GetValue(batch), parse.GetValue(snapshot), parse.GetValue(force), context.CommandLine,
                parse.GetValue(bundle), parse.GetValue(onnx), parse.GetValue(allowUnfinished));
            context.WithProgress(reporter => GanSampler.Sample(request, runtime.Device, reporter));
            return 0;
        });
        return command;
    }
}
