using TorchSharp.Modules;
using XraySynth.Classify.Networks;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;
using static XraySynth.Tests.TestSupport.TensorEquality;

namespace XraySynth.Tests.Classify.Networks;

public sealed class ClassifierNetworksTests
{
    const int Labels = 14;

    public static TheoryData<ClassifierArchitecture, int> ArchitecturesAndSizes() => new()
    {
        { ClassifierArchitecture.ResNet18, 32 }, { ClassifierArchitecture.ResNet18, 64 },
        { ClassifierArchitecture.ResNet50, 32 }, { ClassifierArchitecture.ResNet50, 64 },
        { ClassifierArchitecture.DenseNet121, 32 }, { ClassifierArchitecture.DenseNet121, 64 },
    };

    [Theory]
    [MemberData(nameof(ArchitecturesAndSizes))]
    public void Logits_features_and_embeddings_have_the_documented_shapes(ClassifierArchitecture arch, int size)
    {
        _ = TorchFixture.Cpu;
        using var net = ClassifierNetworks.Create(arch, Labels);
        net.eval();
        using var scope = NewDisposeScope();
        var x = randn(2, 1, size, size);
        long channels = arch switch { ClassifierArchitecture.ResNet18 => 512, ClassifierArchitecture.ResNet50 => 2048, _ => 1024 };

        Assert.Equal(channels, net.FeatureChannels);
        Assert.Equal(Labels, net.LabelCount);
        Assert.Equal(new long[] { 2, Labels }, net.forward(x).shape);
        Assert.Equal(new long[] { 2, channels, size / 32, size / 32 }, net.Features(x).shape);
        Assert.Equal(new long[] { 2, channels }, net.Embed(x).shape);
    }

    [Fact]
    public void Non_square_inputs_pool_to_the_same_logit_shape()
    {
        _ = TorchFixture.Cpu;
        using var net = ClassifierNetworks.Create(ClassifierArchitecture.ResNet18, Labels);
        using var scope = NewDisposeScope();
        var x = randn(2, 1, 96, 48);
        Assert.Equal(new long[] { 2, 512, 3, 2 }, net.Features(x).shape);
        Assert.Equal(new long[] { 2, Labels }, net.forward(x).shape);
    }

    // torchvision's totals (3-channel input, 1000 classes), less the first conv's two extra input channels,
    // with the 1000-class head swapped for 14 logits.
    const long FirstConvExtra = 64 * 2 * 7 * 7;

    [Theory]
    [InlineData(ClassifierArchitecture.ResNet18, 11_689_512L, 512L)]
    [InlineData(ClassifierArchitecture.ResNet50, 25_557_032L, 2048L)]
    [InlineData(ClassifierArchitecture.DenseNet121, 7_978_856L, 1024L)]
    public void Parameter_counts_match_torchvision_with_one_input_channel_and_14_labels(ClassifierArchitecture arch, long torchvisionTotal, long headInputs)
    {
        _ = TorchFixture.Cpu;
        long expected = torchvisionTotal - FirstConvExtra - (headInputs * 1000 + 1000) + (headInputs * Labels + Labels);
        using var net = ClassifierNetworks.Create(arch, Labels);
        Assert.Equal(expected, net.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void The_expected_counts_are_the_hand_computed_ones()
    {
        Assert.Equal(11_177_422L, 11_689_512L - FirstConvExtra - 513_000 + 7_182);
        Assert.Equal(23_530_446L, 25_557_032L - FirstConvExtra - 2_049_000 + 28_686);
        Assert.Equal(6_961_934L, 7_978_856L - FirstConvExtra - 1_025_000 + 14_350);
    }

    [Theory]
    [InlineData(ClassifierArchitecture.ResNet18)]
    [InlineData(ClassifierArchitecture.DenseNet121)]
    public void Eval_mode_gives_the_same_output_for_the_same_input(ClassifierArchitecture arch)
    {
        _ = TorchFixture.Cpu;
        using var net = ClassifierNetworks.Create(arch, Labels);
        net.eval();
        using var scope = NewDisposeScope();
        var x = randn(2, 1, 40, 40);
        Assert.True(Same(net.forward(x), net.forward(x)));
        Assert.True(Same(net.Embed(x), net.Embed(x)));
    }

    [Fact]
    public void Forward_is_the_head_applied_to_the_features()
    {
        _ = TorchFixture.Cpu;
        using var net = ClassifierNetworks.Create(ClassifierArchitecture.ResNet18, Labels);
        net.eval();
        using var scope = NewDisposeScope();
        var x = randn(2, 1, 64, 64);
        Assert.True(net.forward(x).allclose(net.Head(net.Features(x)), rtol: 1e-5, atol: 1e-6));
    }

    [Theory]
    [InlineData(new long[] { 2, 3, 64, 64 })]
    [InlineData(new long[] { 2, 1, 16, 64 })]
    [InlineData(new long[] { 1, 64, 64 })]
    public void Wrong_input_shapes_are_rejected_with_the_expected_shape_named(long[] shape)
    {
        _ = TorchFixture.Cpu;
        using var net = ClassifierNetworks.Create(ClassifierArchitecture.ResNet18, Labels);
        using var x = zeros(shape);
        var error = Assert.Throws<ArgumentException>(() => net.forward(x));
        Assert.Contains("[N, 1, H, W] with H, W ≥ 32", error.Message);
    }

    [Fact]
    public void Initialisation_follows_torchvision()
    {
        _ = TorchFixture.Cpu;
        using var net = ResNet.ResNet18(Labels);
        var parameters = net.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        // Kaiming normal, fan_out, ReLU gain: std = sqrt(2 / (out · k · k)); layer3's first conv: 256·3·3.
        var conv = parameters["layer3.0.conv1.weight"];
        Assert.Equal(Math.Sqrt(2.0 / (256 * 3 * 3)), conv.std().item<float>(), 0.002);
        Assert.Equal(0, conv.mean().item<float>(), 0.002);
        Assert.True(Same(parameters["bn1.weight"], ones(64)));
        Assert.True(Same(parameters["layer1.0.bn2.bias"], zeros(64)));
        Assert.True(Same(parameters["fc.bias"], zeros(Labels)));
    }

    [Fact]
    public void Zero_init_residual_zeroes_the_last_norm_of_every_block_only_when_asked()
    {
        _ = TorchFixture.Cpu;
        static int ZeroNorms(ResNet net) => net.named_parameters()
            .Count(p => p.name.EndsWith(".weight") && p.parameter.dim() == 1 && p.parameter.abs().max().item<float>() == 0);

        using var plain18 = ResNet.ResNet18(Labels);
        using var zero18 = ResNet.ResNet18(Labels, zeroInitResidual: true);
        using var zero50 = ResNet.ResNet50(Labels, zeroInitResidual: true);
        Assert.Equal(0, ZeroNorms(plain18));
        Assert.Equal(8, ZeroNorms(zero18));    // 2+2+2+2 BasicBlocks, bn2 each
        Assert.Equal(16, ZeroNorms(zero50));   // 3+4+6+3 Bottlenecks, bn3 each
        Assert.Contains(zero50.named_parameters(), p => p.name == "layer4.2.bn3.weight" && p.parameter.abs().max().item<float>() == 0);
    }

    [Fact]
    public void DenseNet_dropout_acts_only_while_training()
    {
        _ = TorchFixture.Cpu;
        using var net = new DenseNet121(Labels, dropRate: 0.5);
        using var scope = NewDisposeScope();
        var x = randn(2, 1, 32, 32);
        net.train();
        Assert.False(Same(net.forward(x), net.forward(x)));
        net.eval();
        Assert.True(Same(net.forward(x), net.forward(x)));
    }

    [Fact]
    public void DenseNet_blocks_grow_by_32_channels_per_layer_and_transitions_halve()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var block = new DenseBlock(6, 64, 32, 4);
        using var transition = new Transition(256, 128);
        Assert.Equal(256, block.OutChannels);
        var h = block.forward(randn(2, 64, 8, 8));
        Assert.Equal(new long[] { 2, 256, 8, 8 }, h.shape);
        Assert.Equal(new long[] { 2, 128, 4, 4 }, transition.forward(h).shape);
    }

    [Fact]
    public void Residual_blocks_project_the_shortcut_when_shape_changes()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var basic = new BasicBlock(64, 128, stride: 2);
        using var neck = new Bottleneck(256, 128, stride: 2);
        Assert.Equal(new long[] { 2, 128, 4, 4 }, basic.forward(randn(2, 64, 8, 8)).shape);
        Assert.Equal(new long[] { 2, 512, 4, 4 }, neck.forward(randn(2, 256, 8, 8)).shape);
        Assert.Contains(neck.named_parameters(), p => p.name == "downsample.0.weight");
        Assert.Throws<ArgumentException>(() => neck.forward(randn(2, 64, 8, 8)));
    }
}
