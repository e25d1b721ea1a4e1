using XraySynth.Common;
using XraySynth.Gan.Onnx;
using XraySynth.Gan.Sampling;
using XraySynth.Tests.Gan.Sharing;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Gan.Onnx;

[Collection(GlobalRandomCollection.Name)]
public sealed class GeneratorOnnxTests(TinyRuns runs) : IClassFixture<TinyRuns>
{
    [Theory]
    [InlineData("pggan")]
    [InlineData("fading")]
    [InlineData("dcgan")]
    public void OnnxRuntime_output_matches_TorchSharp_within_1e_4_on_random_latents_and_labels(string which)
    {
        string run = which switch { "pggan" => runs.Pggan, "fading" => runs.Fading, _ => runs.Dcgan };
        using var generator = TrainedGenerator.Load(run, null, TorchFixture.Cpu.Device);
        string path = Path.Combine(runs.Scratch("onnx"), "g.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, GeneratorOnnx.Export(generator));

        const int n = 7;
        using var random = new Generator(123);
        using var latents = randn(new long[] { n, generator.LatentSize }, generator: random) * 1.5;
        using var labels = (rand(new long[] { n, generator.Labels.Count }, generator: random) > 0.7).to(ScalarType.Float32);
        using var expected = generator.Generate(latents, labels);
        using var onnx = new OnnxGenerator(path);
        var (actual, size) = onnx.Run(latents.data<float>().ToArray(), labels.data<float>().ToArray(), n);
        Assert.Equal(generator.SampleResolution, size);
        float[] reference = expected.data<float>().ToArray();
        Assert.Equal(reference.Length, actual.Length);
        double maxDiff = reference.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff < 1e-4, $"max |onnx - torch| = {maxDiff}");
        Assert.True(reference.Select(Math.Abs).Max() > 1e-3, "the generator output is not trivially zero");
        Assert.Equal(generator.Labels, onnx.Labels);
        Assert.Equal(generator.Hash, onnx.Hash);
    }

    [Fact]
    public void Sampling_with_onnx_writes_a_dataset_like_sampling_from_the_run()
    {
        string folder = runs.Scratch("onnx-sample");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "g.onnx");
        GeneratorOnnx.Write(runs.Pggan, null, path, force: false);
        Assert.Contains("exists", Assert.Throws<UserError>(() => GeneratorOnnx.Write(runs.Pggan, null, path, force: false)).Message);
        var fromOnnx = GanSampler.Sample(new SampleRequest("", [["Hernia"]], 4, Path.Combine(folder, "a"), Seed: 2, Onnx: path), TorchFixture.Cpu.Device, NullReporter.Instance);
        var fromRun = GanSampler.Sample(new SampleRequest(runs.Pggan, [["Hernia"]], 4, Path.Combine(folder, "b"), Seed: 2), TorchFixture.Cpu.Device, NullReporter.Instance);
        Assert.Equal(fromRun.Images.Select(i => (i.Id, i.GeneratorSeed)), fromOnnx.Images.Select(i => (i.Id, i.GeneratorSeed)));
        for (int i = 0; i < 4; i++)
        {
            var a = XraySynth.Data.Images.ImageCodec.Decode(fromOnnx.FullPath(fromOnnx.Images[i])).Pixels;
            var b = XraySynth.Data.Images.ImageCodec.Decode(fromRun.FullPath(fromRun.Images[i])).Pixels;
            Assert.True(a.Zip(b, (x, y) => Math.Abs(x - y)).Max() <= 1, "8-bit pixels differ by at most one rounding step");
        }
        Assert.Contains("ONNX model g.onnx", fromOnnx.Info.Origin);
    }

    [Fact]
    public void A_file_that_is_not_an_exported_generator_is_a_clear_error()
    {
        string folder = runs.Scratch("not-onnx");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "x.onnx"), "not a model");
        Assert.Contains("not a loadable ONNX model", Assert.Throws<UserError>(() => new OnnxGenerator(Path.Combine(folder, "x.onnx"))).Message);
    }
}
