using XraySynth.Common;
using XraySynth.Experiments.Benchmarks;
using XraySynth.Gan;
using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Pggan;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Benchmarks;

[Collection(GlobalRandomCollection.Name)]
public sealed class GanThroughputTests
{
    static readonly GanBenchmarkOptions TinyPggan = new()
    {
        Model = GanKind.Pggan,
        Resolution = 16,
        Batch = 4,
        Steps = 2,
        Warmup = 0,
        Repeats = 1,
        Labels = 3,
        Pggan = new PgganArchitecture { LatentSize = 8, FmapBase = 64, FmapMax = 16, LabelEmbedding = 4, MinibatchGroup = 2 },
    };

    static readonly GanBenchmarkOptions TinyDcgan = TinyPggan with
    {
        Model = GanKind.Dcgan,
        Resolution = 32,
        Pggan = null,
        Dcgan = new DcganArchitecture { LatentSize = 8, GeneratorFeatures = 4, DiscriminatorFeatures = 4, LabelEmbedding = 2 },
    };

    [Fact]
    public void A_run_reports_positive_throughput_finite_losses_and_the_analytic_flops()
    {
        var result = GanThroughput.Run(TorchFixture.Cpu, TinyPggan);

        Assert.Equal("xraysynth", result.Implementation);
        Assert.Equal("pggan", result.Model);
        Assert.True(result.ImagesPerSecond > 0);
        Assert.Single(result.WindowImagesPerSecond);
        Assert.True(double.IsFinite(result.DiscriminatorLoss) && double.IsFinite(result.GeneratorLoss));
        Assert.Equal(GanFlops.Pggan(TinyPggan.ToGanConfig().Pggan, 3).PerImage, result.FlopsPerImage);
        Assert.Equal("cpu", result.Device);
        Assert.Equal("fp32", result.Precision);
        Assert.Null(result.FractionOfPeak);
    }

    [Fact]
    public void The_same_seed_gives_the_same_losses()
    {
        var first = GanThroughput.Run(TorchFixture.Cpu, TinyPggan);
        var second = GanThroughput.Run(TorchFixture.Cpu, TinyPggan);
        Assert.Equal(first.DiscriminatorLoss, second.DiscriminatorLoss);
        Assert.Equal(first.GeneratorLoss, second.GeneratorLoss);
    }

    [Theory]
    [InlineData(GanKind.Pggan)]
    [InlineData(GanKind.Dcgan)]
    public void Channels_last_trains_the_same_as_the_plain_layout(GanKind model)
    {
        var options = model == GanKind.Pggan ? TinyPggan : TinyDcgan;
        var plain = GanThroughput.Run(TorchFixture.Cpu, options);
        var nhwc = GanThroughput.Run(TorchFixture.Cpu, options with { ChannelsLast = true });
        AssertClose(plain.DiscriminatorLoss, nhwc.DiscriminatorLoss, 1e-4);
        AssertClose(plain.GeneratorLoss, nhwc.GeneratorLoss, 1e-4);
    }

    [Theory]
    [InlineData(GanKind.Pggan)]
    [InlineData(GanKind.Dcgan)]
    public void Foreach_adam_trains_exactly_as_torchsharp_adam(GanKind model)
    {
        var options = model == GanKind.Pggan ? TinyPggan : TinyDcgan;
        var plain = GanThroughput.Run(TorchFixture.Cpu, options with { Steps = 3 });
        var multiTensor = GanThroughput.Run(TorchFixture.Cpu, options with { Steps = 3, ForeachAdam = true });
        Assert.Equal(plain.DiscriminatorLoss, multiTensor.DiscriminatorLoss);
        Assert.Equal(plain.GeneratorLoss, multiTensor.GeneratorLoss);
    }

    [Fact]
    public void Bf16_runs_the_pggan_with_a_critic_loss_near_fp32s()
    {
        // One step: the critic loss is computed before any update. (The generator loss comes after one Adam step,
        // whose sign-like first update turns bf16's small gradient differences into large weight differences.)
        var fp32 = GanThroughput.Run(TorchFixture.Cpu, TinyPggan with { Steps = 1 });
        var bf16 = GanThroughput.Run(TorchFixture.Cpu, TinyPggan with { Steps = 1, Bf16 = true });
        Assert.Equal("bf16", bf16.Precision);
        Assert.True(double.IsFinite(bf16.GeneratorLoss));
        AssertClose(fp32.DiscriminatorLoss, bf16.DiscriminatorLoss, 0.1);
    }

    [Fact]
    public void Host_draws_run_the_trainers_draw_path()
    {
        var result = GanThroughput.Run(TorchFixture.Cpu, TinyDcgan with { HostDraws = true });
        Assert.True(result.HostDraws);
        Assert.True(result.ImagesPerSecond > 0 && double.IsFinite(result.DiscriminatorLoss));
    }

    [Fact]
    public void Invalid_options_are_reported_together_before_any_work()
    {
        var error = Assert.Throws<UserError>(() =>
            GanThroughput.Run(TorchFixture.Cpu, TinyDcgan with { Resolution = 48, Bf16 = true, Batch = 1 }));
        Assert.Contains("DCGAN supports 32, 64 and 128", error.Message);
        Assert.Contains("--bf16: PGGAN only", error.Message);
        Assert.Contains("--batch 1", error.Message);
    }

    [Fact]
    public void Results_round_trip_through_one_json_line_with_the_reference_field_names()
    {
        var result = GanThroughput.Run(TorchFixture.Cpu, TinyDcgan with { Steps = 1 });
        string json = result.ToJson();
        Assert.DoesNotContain('\n', json);
        foreach (string field in new[] { "\"impl\":", "\"img_per_s\":", "\"ms_per_step\":", "\"flops_per_image\":", "\"fraction_of_peak\":null", "\"device\":\"cpu\"" })
            Assert.Contains(field, json);
        var back = GanBenchmarkResult.FromJson(json);
        Assert.Equal(result.ImagesPerSecond, back.ImagesPerSecond);
        Assert.Equal(result.WindowImagesPerSecond, back.WindowImagesPerSecond);
        Assert.Equal(result.FlopsPerImage, back.FlopsPerImage);
    }

    static void AssertClose(double expected, double actual, double relative)
    {
        double tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected}, got {actual} (tolerance {tolerance})");
    }
}
