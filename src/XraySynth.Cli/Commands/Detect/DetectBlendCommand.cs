using System.CommandLine;
using Spectre.Console;
using XraySynth.Data;
using XraySynth.Detect.Synthesis;

namespace XraySynth.Cli.Commands.Detect;

/// <summary><c>xraysynth detect blend</c>: synthetic detection data with known boxes by pasting lesion patches into disease-free training images.</summary>
public static class DetectBlendCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var data = new Option<string>("--data") { Description = "real dataset folder with boxes.csv", Required = true };
        var output = new Option<string>("--out") { Description = "augmented dataset folder to create (real images by reference, new ones under images/)", Required = true };
        var perClass = new Option<int?>("--per-class") { Description = "new lesion images per class [default: 100]" };
        var seed = new Option<long>("--seed") { Description = "seed of backgrounds, patches and positions", DefaultValueFactory = _ => 0 };
        var force = new Option<bool>("--force") { Description = "replace the files of a non-empty --out" };
        var patchGan = new Option<string?>("--patch-gan") { Description = "lesion-patch GAN run (gan train on 'detect crops' output) to make the patches [default: real lesion crops, copy-paste]" };
        var compute = new ComputeOptions();
        var command = new Command("blend", "Paste lesion patches (real crops, or a lesion-patch GAN's) into disease-free training images at real-box positions and sizes; boxes known");
        foreach (Option option in new Option[] { data, output, perClass, seed, force, patchGan }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var config = context.Section<BlendConfig>(BlendConfig.Section);
            if (parse.GetValue(perClass) is { } n) config = config with { PerClass = n };
            var real = Dataset.Load(parse.GetValue(data)!);
            using var gan = parse.GetValue(patchGan) is { } run ? GanPatches.Load(run, context.StartTorch(compute).Device) : null;
            ILesionPatchSource patches = gan is not null ? gan : new RealCropPatches(real);
            var result = context.WithProgress(r => LesionPatchBlender.Apply(real, patches, config, parse.GetValue(output)!,
                parse.GetValue(seed), context.CommandLine, r, parse.GetValue(force)));
            context.Console.Out.WriteLine($"wrote {result.Dataset.Root}: {result.Dataset.Images.Count} images, {result.AddedPerClass.Values.Sum()} with pasted lesions");
            return 0;
        });
        return command;
    }
}
