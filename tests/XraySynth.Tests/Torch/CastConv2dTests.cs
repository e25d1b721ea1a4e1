using XraySynth.Classify.Networks;
using XraySynth.Detect.Networks;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using static TorchSharp.torch;
using static XraySynth.Tests.TestSupport.TensorEquality;

namespace XraySynth.Tests.Torch;

[Collection(GlobalRandomCollection.Name)]
public sealed class CastConv2dTests
{
    [Fact]
    public void In_fp32_it_is_nn_Conv2d_same_initialisation_names_outputs_and_gradients()
    {
        _ = TorchFixture.Cpu;
        manual_seed(5);
        using var reference = nn.Conv2d(3, 4, 3, stride: 2, padding: 1);
        manual_seed(5);
        using var cast = CastConv2d.Create(3, 4, 3, stride: 2, padding: 1);
        Assert.Equal(reference.state_dict().Keys.Order(), cast.state_dict().Keys.Order());
        Assert.True(Same(reference.weight, cast.weight), "the same seed must give the same initial weights");
        Assert.True(Same(reference.bias!, cast.bias!));

        using var x = randn(2, 3, 9, 9);
        using var a = reference.forward(x);
        using var b = cast.forward(x);
        Assert.True(Same(a, b));
        a.sum().backward();
        b.sum().backward();
        Assert.True(Same(reference.weight.grad!, cast.weight.grad!));
        Assert.Throws<ArgumentException>(() => cast.forward(randn(2, 5, 9, 9)));
    }

    [Fact]
    public void A_bfloat16_input_runs_in_bfloat16_and_returns_fp32_gradients_to_the_fp32_weights()
    {
        _ = TorchFixture.Cpu;
        manual_seed(6);
        using var conv = CastConv2d.Create(2, 3, 3, padding: 1, bias: true);
        using var x = randn(2, 2, 8, 8);
        using var fp32 = conv.forward(x);
        fp32.square().sum().backward();
        using var fp32Grad = conv.weight.grad!.clone();
        conv.zero_grad();

        using var low = conv.forward(x.to(ScalarType.BFloat16));
        Assert.Equal(ScalarType.BFloat16, low.dtype);
        low.to(ScalarType.Float32).square().sum().backward();
        Assert.Equal(ScalarType.Float32, conv.weight.dtype);
        Assert.Equal(ScalarType.Float32, conv.weight.grad!.dtype);
        // bfloat16 keeps 8 bits of mantissa: outputs and gradients agree with fp32 to about 1%.
        Assert.True((low.to(ScalarType.Float32) - fp32).abs().max().item<float>() < 0.05f * fp32.abs().max().item<float>());
        Assert.True((conv.weight.grad! - fp32Grad).norm().item<float>() < 0.03f * fp32Grad.norm().item<float>());
    }

    [Fact]
    public void The_classifier_and_detector_run_a_mixed_precision_step_with_fp32_outputs_and_gradients()
    {
        _ = TorchFixture.Cpu;
        manual_seed(7);
        using var classifier = ClassifierNetworks.Create(ClassifierArchitecture.ResNet18, 3);
        classifier.train();
        using var x = rand(4, 1, 64, 64) * 2 - 1;
        using var logits32 = classifier.forward(x);
        using var logits16 = classifier.forward(x.to(ScalarType.BFloat16));
        Assert.Equal(ScalarType.Float32, logits16.dtype);
        Assert.True((logits16 - logits32).abs().max().item<float>() < 0.1f + 0.05f * logits32.abs().max().item<float>(),
            $"bf16 logits {logits16.abs().max().item<float>()} far from fp32 {logits32.abs().max().item<float>()}");
        logits16.sum().backward();
        Assert.All(classifier.parameters(), p =>
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.NotNull(p.grad);
            Assert.Equal(ScalarType.Float32, p.grad!.dtype);
        });

        using var detector = new CenterNetDetector(2, width: 8, pyramidChannels: 16);
        detector.train();
        var outputs = detector.forward(x.to(ScalarType.BFloat16));
        Assert.All(new[] { outputs.Heatmap, outputs.Size, outputs.Offset }, map => Assert.Equal(ScalarType.Float32, map.dtype));
        (outputs.Heatmap.sum() + outputs.Size.sum()).backward();
        Assert.All(detector.parameters().Where(p => p.grad is not null), p => Assert.Equal(ScalarType.Float32, p.grad!.dtype));
    }
}
