using XraySynth.Common;
using XraySynth.Data.Images;
using XraySynth.Gan.Onnx;
using XraySynth.Gan.Sampling;
using XraySynth.Gan.Sharing;
using XraySynth.Tests.Data.Import;
using XraySynth.Tests.Gan.Sharing;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Gan.Sampling;

[Collection(GlobalRandomCollection.Name)]
public sealed class UnfinishedGeneratorTests(TinyRuns runs) : IClassFixture<TinyRuns>
{
    [Fact]
    public void Sampling_a_pggan_that_has_not_finished_growing_is_refused_naming_the_run_its_phase_the_target_and_how_to_go_on()
    {
        var error = Assert.Throws<UserError>(() =>
            GanSampler.Sample(new SampleRequest(runs.Early, [["Hernia"]], 2, runs.Scratch("refused")), TorchFixture.Cpu.Device, NullReporter.Instance));
        Assert.Contains(Path.GetFileName(runs.Early), error.Message);
        Assert.Contains("4x4 px", error.Message);
        Assert.Contains("final 16x16 px", error.Message);
        Assert.Contains($"gan train --resume {runs.Early} --kimg K (K above 0.064", error.Message);
        Assert.Contains("--allow-unfinished", error.Message);
        Assert.False(Directory.Exists(runs.Scratch("refused")) && Directory.EnumerateFiles(runs.Scratch("refused"), "*.png", SearchOption.AllDirectories).Any());

        // Fully grown in size but still fading in counts as unfinished too.
        var fading = Assert.Throws<UserError>(() =>
            GanSampler.Sample(new SampleRequest(runs.Fading, [["Hernia"]], 2, runs.Scratch("fading")), TorchFixture.Cpu.Device, NullReporter.Instance));
        Assert.Contains("16x16 px, fade-in alpha 0.50", fading.Message);
    }

    [Fact]
    public void A_command_without_the_opt_in_flag_is_not_told_to_pass_it()
    {
        using var generator = TrainedGenerator.Load(runs.Early, null, TorchFixture.Cpu.Device);
        var error = Assert.Throws<UserError>(() => UnfinishedGenerator.Ensure(generator, allow: false, "lesion-patch GAN", NullReporter.Instance, offerFlag: false));
        Assert.Contains("gan train --resume", error.Message);
        Assert.DoesNotContain("--allow-unfinished", error.Message);
    }

    [Fact]
    public void With_the_opt_in_sampling_warns_and_writes_the_images_at_the_resolution_actually_generated()
    {
        var reporter = new RecordingReporter();
        var dataset = GanSampler.Sample(new SampleRequest(runs.Early, [["Hernia"]], 3, runs.Scratch("allowed"), AllowUnfinished: true),
            TorchFixture.Cpu.Device, reporter);

        Assert.Contains(reporter.Warnings, w => w.Contains("has not finished growing", StringComparison.Ordinal) && w.Contains("4x4 px", StringComparison.Ordinal));
        Assert.All(dataset.Images, i =>
        {
            Assert.Equal((4, 4), (i.Width, i.Height));
            var png = ImageCodec.Decode(dataset.FullPath(i));
            Assert.Equal((4, 4), (png.Width, png.Height));
        });
        Assert.Contains("unfinished: generated at 4x4 px", dataset.Info.Origin);
        Assert.Contains("16x16 px", dataset.Info.Origin);
    }

    [Fact]
    public void Exporting_an_unfinished_run_is_refused_without_the_opt_in_and_its_bundle_then_needs_the_opt_in_to_sample()
    {
        string folder = runs.Scratch("export");
        Directory.CreateDirectory(folder);
        string bundle = Path.Combine(folder, "early.xsgan");
        var error = Assert.Throws<UserError>(() => GanBundle.Export(new BundleExportRequest(runs.Early, bundle), NullReporter.Instance));
        Assert.StartsWith("gan export: ", error.Message);
        Assert.Contains("--allow-unfinished", error.Message);
        Assert.False(File.Exists(bundle));
        var onnx = Assert.Throws<UserError>(() => GeneratorOnnx.Write(runs.Early, null, Path.Combine(folder, "early.onnx"), force: false));
        Assert.Contains("4x4 px", onnx.Message);
        Assert.False(File.Exists(Path.Combine(folder, "early.onnx")));

        var reporter = new RecordingReporter();
        var exported = GanBundle.Export(new BundleExportRequest(runs.Early, bundle, AllowUnfinished: true), reporter);
        Assert.Single(reporter.Warnings);
        Assert.Equal(4, exported.Config.SampleResolution);
        var fromBundle = Assert.Throws<UserError>(() =>
            GanSampler.Sample(new SampleRequest("", [["Hernia"]], 2, Path.Combine(folder, "b"), Bundle: bundle), TorchFixture.Cpu.Device, NullReporter.Instance));
        Assert.Contains("resume its training run", fromBundle.Message);

        GeneratorOnnx.Write(runs.Early, null, Path.Combine(folder, "early.onnx"), force: false, allowUnfinished: true);
        using var model = new OnnxGenerator(Path.Combine(folder, "early.onnx"));
        Assert.False(UnfinishedGenerator.IsFinished(model));
        Assert.Equal(4, model.SampleResolution);
    }

    [Fact]
    public void Grown_pggan_and_dcgan_runs_count_as_finished()
    {
        using var pggan = TrainedGenerator.Load(runs.Pggan, null, TorchFixture.Cpu.Device);
        using var dcgan = TrainedGenerator.Load(runs.Dcgan, null, TorchFixture.Cpu.Device);
        Assert.True(UnfinishedGenerator.IsFinished(pggan));
        Assert.True(UnfinishedGenerator.IsFinished(dcgan));
        UnfinishedGenerator.Ensure(pggan, allow: false, "test", NullReporter.Instance);
    }
}
