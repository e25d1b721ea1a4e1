using XraySynth.Classify.Networks;
using XraySynth.Common;
using XraySynth.Experiments.Benchmarks;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Benchmarks;

[Collection(GlobalRandomCollection.Name)]
public sealed class ClassifierThroughputTests
{
    static readonly ClassifierBenchmarkOptions Tiny = new()
    {
        Architecture = ClassifierArchitecture.ResNet18,
        Size = 32,
        Batch = 2,
        Steps = 2,
        Warmup = 0,
        Repeats = 1,
        Labels = 3,
    };

    [Fact]
    public void A_tiny_run_reports_positive_throughput_a_finite_loss_and_the_analytic_flops()
    {
        var result = ClassifierThroughput.Run(TorchFixture.Cpu, Tiny);

        Assert.Equal("xraysynth", result.Implementation);
        Assert.Equal("resnet18", result.Model);
        Assert.Equal((32, 2, 3), (result.Size, result.Batch, result.Labels));
        Assert.True(result.ImagesPerSecond > 0);
        Assert.Single(result.WindowImagesPerSecond);
        Assert.Equal(result.ImagesPerSecond, result.WindowImagesPerSecond[0]);
        Assert.Equal(1.0, result.MillisecondsPerStep * result.ImagesPerSecond / (2 * 1000.0), 0.005);   // both rounded
        // A fresh network on labels of frequency 0.15: BCE starts near ln 2 and two AdamW steps do not get far.
        Assert.InRange(result.Loss, 0.2, 1.5);
        Assert.Equal(ClassifierFlops.Forward(ClassifierArchitecture.ResNet18, 32, 3), result.ForwardFlopsPerImage);
        Assert.Equal(3 * result.ForwardFlopsPerImage, result.FlopsPerImage);
        Assert.Equal(11_170_240 + 512 * 3 + 3, result.Parameters);   // ResNet-18, 1 channel (PyTorch reference: 11,170,240) + head
        Assert.Equal("cpu", result.Device);
        Assert.Equal("fp32", result.Precision);
        Assert.Null(result.PeakTflops);
        Assert.Null(result.FractionOfPeak);
    }

    [Fact]
    public void The_same_seed_gives_the_same_loss()
    {
        var first = ClassifierThroughput.Run(TorchFixture.Cpu, Tiny);
        var second = ClassifierThroughput.Run(TorchFixture.Cpu, Tiny);
        Assert.Equal(first.Loss, second.Loss);
    }

    [Fact]
    public void Foreach_adamw_trains_exactly_as_torchsharps_adamw()
    {
        // The second step's loss is computed after one AdamW update (with the trainer's weight decay).
        var plain = ClassifierThroughput.Run(TorchFixture.Cpu, Tiny);
        var multiTensor = ClassifierThroughput.Run(TorchFixture.Cpu, Tiny with { ForeachAdam = true });
        Assert.True(multiTensor.ForeachAdam);
        Assert.Equal(plain.Loss, multiTensor.Loss);
    }

    [Fact]
    public void Channels_last_and_bf16_run_the_densenet_with_a_loss_near_fp32s()
    {
        // 64 px, batch 4: the last BatchNorms see 2×2 maps of 4 images (with 2 values each, BatchNorm outputs ±1
        // and bf16's rounding can flip their signs).
        var options = Tiny with { Architecture = ClassifierArchitecture.DenseNet121, Size = 64, Batch = 4, Steps = 1 };
        var fp32 = ClassifierThroughput.Run(TorchFixture.Cpu, options);
        var fast = ClassifierThroughput.Run(TorchFixture.Cpu, options with { ChannelsLast = true, Bf16 = true });
        Assert.Equal("densenet121", fast.Model);
        Assert.Equal("bf16", fast.Precision);
        Assert.True(fast.ChannelsLast && fast.Bf16);
        Assert.Equal(fp32.Parameters, fast.Parameters);
        // One step: the loss is the fresh network's, so only bf16's rounding separates the two.
        Assert.True(Math.Abs(fp32.Loss - fast.Loss) <= 0.02 * fp32.Loss, $"fp32 {fp32.Loss}, bf16 {fast.Loss}");
    }

    [Fact]
    public void Invalid_options_are_reported_together_before_any_work()
    {
        var error = Assert.Throws<UserError>(() =>
            ClassifierThroughput.Run(TorchFixture.Cpu, Tiny with { Size = 16, Batch = 1, Steps = 0, Warmup = -1, Repeats = 0, Labels = 0 }));
        foreach (string part in new[] { "--size 16: expected 32 to 1024", "--batch 1", "--steps 0", "--warmup -1", "--repeats 0", "--labels 0" })
            Assert.Contains(part, error.Message);
    }

    [Fact]
    public void Default_options_are_valid_and_benchmark_resnet50_at_224_px()
    {
        var defaults = new ClassifierBenchmarkOptions();
        Assert.Empty(defaults.Validate());
        Assert.Equal((ClassifierArchitecture.ResNet50, 224), (defaults.Architecture, defaults.Size));
        Assert.Equal(1e-4, defaults.WeightDecay);
    }

    [Fact]
    public void Results_round_trip_through_one_json_line_with_the_reference_field_names()
    {
        var result = ClassifierThroughput.Run(TorchFixture.Cpu, Tiny with { Steps = 1 });
        string json = result.ToJson();
        Assert.DoesNotContain('\n', json);
        foreach (string field in new[] { "\"impl\":\"xraysynth\"", "\"model\":\"resnet18\"", "\"size\":32", "\"img_per_s\":", "\"ms_per_step\":",
                     "\"flops_per_image\":", "\"forward_flops_per_image\":", "\"params\":", "\"fraction_of_peak\":null", "\"device\":\"cpu\"", "\"loss\":" })
            Assert.Contains(field, json);
        var back = ClassifierBenchmarkResult.FromJson(json);
        Assert.Equal(result.ImagesPerSecond, back.ImagesPerSecond);
        Assert.Equal(result.WindowImagesPerSecond, back.WindowImagesPerSecond);
        Assert.Equal(result.FlopsPerImage, back.FlopsPerImage);
        Assert.Equal(result.Loss, back.Loss);
    }
}
