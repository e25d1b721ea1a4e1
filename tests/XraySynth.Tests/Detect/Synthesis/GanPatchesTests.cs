using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Data.Phantom;
using XraySynth.Detect.Boxes;
using XraySynth.Detect.Synthesis;
using XraySynth.Detect.Training;
using XraySynth.Gan;
using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Training;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Tests.Detect.Synthesis;

[Collection(GlobalRandomCollection.Name)]
public sealed class GanPatchesTests
{
    /// <summary>A 64 px phantom, its lesion crops at 32 px, and a DCGAN trained on them for a few steps.</summary>
    internal static (Dataset Real, string GanRun) PatchGan(TempDirectory temp)
    {
        var real = PhantomGenerator.Generate(new PhantomConfig { Count = 80, Size = 64, Seed = 3, TrainFraction = 0.6, ValFraction = 0.2 }, temp.File("real"), "test", force: false, NullReporter.Instance);
        LesionCrops.Write(real, new LesionCropConfig { Size = 32, Margin = 0.4 }, temp.File("crops"), "test", NullReporter.Instance);
        var config = new GanConfig
        {
            Kind = GanKind.Dcgan, Data = temp.File("crops"), Out = temp.File("gan"), Kimg = 0.032, BatchSize = 8,
            Dcgan = new DcganArchitecture { Resolution = 32, LatentSize = 8, GeneratorFeatures = 4, DiscriminatorFeatures = 4, LabelEmbedding = 4 },
            LearningRate = 0.0002, Beta1 = 0.5, Beta2 = 0.999, SnapshotKimg = 0.016, SampleKimg = 0.016, LogEverySteps = 2, GridColumns = 2, Prefetch = 2,
        };
        var runtime = TorchRuntime.Start(new TorchRuntimeOptions { Device = DeviceSpec.Cpu, Seed = 9 });
        return (real, GanTrainer.Train(new GanTrainingRequest(config, null, "test"), runtime, NullReporter.Instance, default).RunFolder);
    }

    [Fact]
    public void Gan_patches_blend_onto_real_box_positions_with_the_box_on_the_pasted_region()
    {
        using var temp = new TempDirectory();
        var (real, run) = PatchGan(temp);
        using var patches = GanPatches.Load(run, CPU);
        Assert.Equal(DetectionSamples.BoxedLabels(real), patches.Classes);
        Assert.Contains("lesion-patch GAN", patches.Description);

        string label = patches.Classes[0];
        var patch = patches.Next(label, 0.9, new Random(1));
        Assert.Equal((32, 32), (patch.Pixels.Width, patch.Pixels.Height));
        Assert.Equal(new LesionCropGeometry(32, 0.4, [], "").LesionIn(32), patch.Lesion);
        var again = patches.Next(label, 0.9, new Random(1));
        Assert.Equal(patch.Pixels.Pixels, again.Pixels.Pixels);   // the caller's random decides the latent

        var result = LesionPatchBlender.Apply(real, patches, new BlendConfig { PerClass = 3, Classes = [label] }, temp.File("blend"), 4, "test", NullReporter.Instance);
        Assert.Contains("lesion-patch GAN", result.Dataset.Info.Origin);
        var added = result.Dataset.Images.Where(i => i.Source == ImageSource.Synthetic).ToList();
        Assert.Equal(3, added.Count);
        foreach (var image in added)
        {
            var record = Assert.Single(result.Dataset.Boxes, b => b.ImageId == image.Id);
            var box = Box.FromXywh(record.X, record.Y, record.W, record.H);
            var blended = ImageCodec.Decode(result.Dataset.FullPath(image));
            // Its background is a disease-free training image of the same patient that differs only where the patch reaches:
            // the lesion box plus the crops' margin (the feathered context), nothing else.
            var candidates = real.Images.Where(i => i.PatientId == image.PatientId && i.Split == Split.Train && i.Labels.Count == 0).ToList();
            Assert.Contains(candidates, c => ImageCodec.Decode(real.FullPath(c)) is var original && original.Pixels.Length == blended.Pixels.Length
                                            && Differs(original, blended) is { } changed && Contains(Widen(box, 0.4, blended), changed));
            Assert.True(box.X0 >= 0 && box.Y0 >= 0 && box.X1 <= blended.Width && box.Y1 <= blended.Height);
        }
        Assert.Contains("not 'Nope'", Assert.Throws<UserError>(() => patches.Next("Nope", 0.4, new Random(0))).Message);
    }

    /// <summary>The bounding box of the pixels that differ between two images of one size, or null when none do.</summary>
    static Box? Differs(GrayImage a, GrayImage b)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
                if (a[x, y] != b[x, y]) { x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y); }
        return x1 < 0 ? null : new Box(x0, y0, x1 + 1, y1 + 1);
    }

    /// <summary>The box widened by <paramref name="fraction"/> of its size on each side plus a pixel, clipped to the image: where the feathered patch may reach.</summary>
    static Box Widen(Box box, double fraction, GrayImage image) =>
        new Box(box.X0 - fraction * box.Width - 1, box.Y0 - fraction * box.Height - 1, box.X1 + fraction * box.Width + 1, box.Y1 + fraction * box.Height + 1).Clip(image.Width, image.Height);

    static bool Contains(Box outer, Box inner) => inner.X0 >= outer.X0 - 1e-9 && inner.Y0 >= outer.Y0 - 1e-9 && inner.X1 <= outer.X1 + 1e-9 && inner.Y1 <= outer.Y1 + 1e-9;
}
