using System.CommandLine;
using Spectre.Console;
using XraySynth.Classify.Evaluation;
using XraySynth.Classify.Explain;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using static TorchSharp.torch;

namespace XraySynth.Cli.Commands.Classify;

/// <summary><c>xraysynth classify explain</c>: Grad-CAM heatmaps over chosen images for a chosen label.</summary>
public static class ClassifyExplainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var run = new Option<string>("--run") { Description = "classifier run folder", Required = true };
        var label = new Option<string>("--label") { Description = "label to explain", Required = true };
        var images = new Option<string[]>("--images") { Description = "image ids [default: the 8 test images with the highest probability]", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "output folder [default: RUN/explain-LABEL]" };
        var command = new Command("explain", "Grad-CAM heatmaps (Selvaraju et al. 2017) overlaid on X-rays for a label, as PNGs");
        foreach (Option option in new Option[] { run, label, images, output }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var runtime = context.StartTorch(compute);
            using var classifier = TrainedClassifier.Load(parse.GetValue(run)!, runtime.Device);
            var dataset = Dataset.Load(classifier.Info.Dataset);
            string name = parse.GetValue(label)!;
            int index = dataset.Vocabulary.IndexOf(name);
            if (index < 0) throw new UserError($"--label '{name}' is not one of {dataset.Vocabulary}{NameSuggester.Hint(name, dataset.Vocabulary.Names)}");
            CachePreparer.Prepare(dataset, new PrepareConfig { Size = classifier.Config.ImageSize }, context.Reporter);
            using var cache = PreparedCache.Open(dataset, classifier.Config.ImageSize);
            string[] ids = parse.GetValue(images) is { Length: > 0 } given ? given : TopImages(classifier, dataset, index, runtime.Device, context);
            string folder = parse.GetValue(output) ?? Path.Combine(classifier.Run.Path, $"explain-{name}");
            Directory.CreateDirectory(folder);
            foreach (string id in ids)
            {
                int row = cache.RowOf(id);
                if (row < 0) throw new UserError($"--images: no image '{id}' in {dataset.Root}");
                var image = cache.ToImage(row);
                using var scope = NewDisposeScope();
                var x = XraySynth.Torch.PixelTensors.FromBytes(image.Pixels, 1, image.Height, image.Width, runtime.Device);
                var cam = GradCam.Compute(classifier.Network, x, index);
                byte[] png = HeatmapOverlay.Render(image, GradCam.ToArray(cam, 0));
                string file = Path.Combine(folder, $"{new string(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray())}-gradcam.png");
                AtomicFile.WriteBinary(file, s => s.Write(png));
            }
            context.Console.Out.WriteLine($"wrote {ids.Length} Grad-CAM overlays for {name} to {folder}");
            return 0;
        });
        return command;
    }

    static string[] TopImages(TrainedClassifier classifier, Dataset dataset, int label, Device device, CommandContext context)
    {
        var predictions = classifier.Predict(dataset, Split.Test, device, context.Reporter);
        return Enumerable.Range(0, predictions.ImageIds.Length).OrderByDescending(i => predictions.Probabilities[i, label])
            .Take(8).Select(i => predictions.ImageIds[i]).ToArray();
    }
}
