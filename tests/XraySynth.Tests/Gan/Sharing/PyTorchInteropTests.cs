using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;
using XraySynth.Gan.Sampling;
using XraySynth.Gan.Sharing;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Gan.Sharing;

/// <summary>
/// A bundle loads into the PyTorch reference generator (bench/reference, no XraySynth) and gives the same images as
/// XraySynth's generator on the same latents and conditions: the safetensors names, shapes and architecture config are
/// enough to rebuild the network elsewhere.
/// </summary>
[Collection(GlobalRandomCollection.Name)]
public sealed class PyTorchInteropTests(TinyRuns runs, ITestOutputHelper output) : IClassFixture<TinyRuns>
{
    [TorchPythonFact]
    public void The_pytorch_reference_generator_loaded_from_a_dcgan_bundle_matches_xraysynth() => Parity(runs.Dcgan, "dcgan");

    [TorchPythonFact]
    public void The_pytorch_reference_generator_loaded_from_a_pggan_bundle_matches_xraysynth() => Parity(runs.Pggan, "pggan");

    void Parity(string run, string name)
    {
        _ = TorchFixture.Cpu;
        string folder = runs.Scratch("pytorch-" + name);
        Directory.CreateDirectory(folder);
        string bundle = Path.Combine(folder, name + ".xsgan"), dump = Path.Combine(folder, "dump");
        GanBundle.Export(new BundleExportRequest(run, bundle), XraySynth.Common.NullReporter.Instance);

        var info = new ProcessStartInfo(TorchPythonFactAttribute.Python!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(SharedData.RepositoryRoot, "bench", "reference", "load_safetensors.py"), bundle,
                     "--out", Path.Combine(folder, "grid.png"), "--columns", "3", "--seed", "5", "--dump", dump })
            info.ArgumentList.Add(argument);
        using (var process = Process.Start(info)!)
        {
            string output = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output + error);
        }
        using var shapes = JsonDocument.Parse(File.ReadAllText(Path.Combine(dump, "dump.json")));
        long[] Shape(string key) => [.. shapes.RootElement.GetProperty(key).EnumerateArray().Select(e => e.GetInt64())];
        Tensor Read(string key) => tensor(Floats(Path.Combine(dump, key + ".f32")), Shape(key));

        using var generator = TrainedGenerator.FromBundle(bundle, CPU);
        using var z = Read("z");
        using var y = Read("y");
        using var expected = Read("images");
        using var actual = generator.Generate(z, y);
        Assert.Equal(expected.shape, actual.shape);
        float difference = (actual - expected).abs().max().item<float>();
        output.WriteLine($"{name}: {expected.shape[0]} images of {expected.shape[2]} px, PyTorch {shapes.RootElement.GetProperty("torch")} vs XraySynth: max |difference| {difference:G3}");
        Assert.True(difference < 1e-4f, $"{name}: PyTorch {shapes.RootElement.GetProperty("torch")} and XraySynth differ by {difference}");
    }

    static float[] Floats(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
