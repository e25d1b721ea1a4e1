using System.CommandLine;
using Spectre.Console;
using XraySynth.Evaluate.Features;
using XraySynth.Evaluate.Synthetic;

namespace XraySynth.Cli.Commands.Eval;

/// <summary><c>xraysynth eval memorization</c>: nearest training image of every synthetic image, against held-out real images.</summary>
public static class EvalMemorizationCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var real = new Option<string>("--real") { Description = "real dataset folder the GAN was trained on (train split; val + test calibrate)", Required = true };
        var synthetic = new Option<string>("--synthetic") { Description = "synthetic dataset folder (from 'xraysynth gan sample')", Required = true };
        var features = EvalCommand.FeaturesOption();
        var output = new Option<string?>("--out") { Description = "output folder, refused if not empty unless --force [default: reports/memorization-<synthetic>-<features>]" };
        var force = EvalCommand.ForceOption();
        var quantile = new Option<double>("--quantile") { Description = "flag images closer than this fraction of held-out real images are", DefaultValueFactory = _ => 0.01 };
        var pixelSize = new Option<int>("--pixel-size") { Description = "image side for normalized cross-correlation", DefaultValueFactory = _ => 64 };
        var pairs = new Option<int>("--pairs") { Description = "closest pairs shown in closest-pairs.png", DefaultValueFactory = _ => 8 };
        var command = new Command("memorization", "Memorization audit: nearest training image per synthetic image (features and pixel NCC), thresholds calibrated on held-out real images, verdict, closest pairs");
        foreach (Option option in new Option[] { real, synthetic, features, output, force, quantile, pixelSize, pairs }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            double q = parse.GetValue(quantile);
            if (q is <= 0 or >= 0.5) throw new Common.UserError($"--quantile {q.ToString(System.Globalization.CultureInfo.InvariantCulture)}: expected a fraction in (0, 0.5), e.g. 0.01");
            if (parse.GetValue(pixelSize) is < 8 or > 512) throw new Common.UserError($"--pixel-size {parse.GetValue(pixelSize)}: expected 8 to 512");
            if (parse.GetValue(pairs) is < 1 or > 64) throw new Common.UserError($"--pairs {parse.GetValue(pairs)}: expected 1 to 64");
            string folder = parse.GetValue(output) ?? EvalCommand.DefaultOut("memorization", parse.GetValue(synthetic)!, parse.GetValue(features)!);
            EvalCommand.EnsureWritable(folder, parse.GetValue(force));
            var runtime = context.StartTorch(compute);
            using var extractor = FeatureExtractors.Create(parse.GetValue(features)!, runtime.Device);
            var options = new MemorizationOptions { Quantile = q, PixelSize = parse.GetValue(pixelSize), Pairs = parse.GetValue(pairs) };
            var findings = context.WithProgress(r => MemorizationAudit.Run(parse.GetValue(real)!, parse.GetValue(synthetic)!, folder, extractor, options, runtime.Device, r));
            context.Console.Out.WriteLine(findings.Verdict, Style.Plain);
            context.Console.Out.WriteLine($"wrote {folder}/memorization.json, memorization.md, memorization.png, closest-pairs.png");
            return 0;
        });
        return command;
    }
}
