using XraySynth.Experiments.Benchmarks;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli;

// Runs alone: a benchmark switches deterministic algorithms off for its duration and reseeds torch's generator.
[Collection(GlobalRandomCollection.Name)]
public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_gan_runs_two_steps_and_prints_one_json_line()
    {
        var (code, output, error) = CliHarness.Run("bench", "gan", "--model", "pggan", "--resolution", "8", "--batch", "4",
            "--steps", "2", "--warmup", "0", "--repeats", "1", "--device", "cpu");
        Assert.True(code == 0, output + error);
        string line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var result = GanBenchmarkResult.FromJson(line);
        Assert.Equal("xraysynth", result.Implementation);
        Assert.Equal(8, result.Resolution);
        Assert.True(result.ImagesPerSecond > 0);
        Assert.True(double.IsFinite(result.DiscriminatorLoss));
    }

    [Fact]
    public void A_misspelt_model_fails_with_a_hint_and_exit_code_2()
    {
        var (code, _, error) = CliHarness.Run("bench", "gan", "--model", "pgan", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --model 'pgan': expected pggan or dcgan; did you mean 'pggan'?", error);
    }

    [Fact]
    public void Bf16_dcgan_is_refused_before_torch_starts()
    {
        var (code, _, error) = CliHarness.Run("bench", "gan", "--model", "dcgan", "--bf16", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("--bf16: PGGAN only", error);
    }

    [Fact]
    public void Bench_classify_runs_two_steps_and_prints_one_json_line()
    {
        var (code, output, error) = CliHarness.Run("bench", "classify", "--arch", "resnet18", "--size", "32", "--batch", "2",
            "--steps", "2", "--warmup", "0", "--repeats", "1", "--labels", "3", "--foreach-adam", "--device", "cpu");
        Assert.True(code == 0, output + error);
        string line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var result = ClassifierBenchmarkResult.FromJson(line);
        Assert.Equal(("resnet18", 32, 2), (result.Model, result.Size, result.Batch));
        Assert.True(result.ForeachAdam);
        Assert.True(result.ImagesPerSecond > 0);
        Assert.True(double.IsFinite(result.Loss));
    }

    [Fact]
    public void Bench_classify_refuses_an_unknown_architecture_and_a_too_small_size()
    {
        var (code, _, error) = CliHarness.Run("bench", "classify", "--arch", "vgg16", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --arch 'vgg16': expected resnet18, resnet50 or densenet121", error);
        (code, _, error) = CliHarness.Run("bench", "classify", "--size", "16", "--batch", "1", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("--size 16: expected 32 to 1024", error);
        Assert.Contains("--batch 1", error);
    }
}
