using System.CommandLine;
using Spectre.Console;
using XraySynth.Gan.Onnx;
using XraySynth.Gan.Sampling;
using XraySynth.Gan.Sharing;

namespace XraySynth.Cli.Commands.Gan;

/// <summary><c>xraysynth gan export</c>: a run's generator as a shareable bundle (safetensors, config, model card, samples, hashes), optionally also as ONNX.</summary>
public static class GanExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var run = new Option<string>("--run") { Description = "GAN run folder (checkpoints/NNNNN-...)", Required = true };
        var output = new Option<string>("--out") { Description = "bundle file to write (NAME.xsgan)", Required = true };
        var snapshot = new Option<string?>("--snapshot") { Description = "a specific snapshot file [default: the run's newest]" };
        var quality = new Option<string?>("--quality") { Description = "quality.json of the quality audit, quoted in the model card [default: not measured]" };
        var memorization = new Option<string?>("--memorization") { Description = "memorization.json of the memorization audit [default: not measured]" };
        var onnx = new Option<string?>("--onnx") { Description = "also write the generator as an ONNX model (NAME.onnx)" };
        var force = new Option<bool>("--force") { Description = "replace existing output files" };
        var allowUnfinished = new Option<bool>(UnfinishedGenerator.Flag)
        {
            Description = "export a PGGAN that has not finished growing (refused otherwise): warns; config.json and the model card record its phase",
        };
        var command = new Command("export", "Pack a run's moving-average generator into one shareable file: safetensors weights, config.json, model card, sample grid, SHA-256 manifest");
        foreach (Option option in new Option[] { run, output, snapshot, quality, memorization, onnx, force, allowUnfinished }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            context.StartTorch(compute);
            var request = new BundleExportRequest(parse.GetValue(run)!, parse.GetValue(output)!, parse.GetValue(snapshot),
                parse.GetValue(quality), parse.GetValue(memorization), parse.GetValue(force), AllowUnfinished: parse.GetValue(allowUnfinished));
            var bundle = GanBundle.Export(request, context.Reporter);
            context.Console.Out.WriteLine($"bundle: {bundle.Path} (sha256 {bundle.FileSha256})");
            if (parse.GetValue(onnx) is { } onnxPath)
            {
                GeneratorOnnx.Write(request.Run, request.Snapshot, onnxPath, request.Force, request.AllowUnfinished, context.Reporter);
                context.Console.Out.WriteLine($"onnx: {onnxPath}");
            }
            return 0;
        });
        return command;
    }
}
