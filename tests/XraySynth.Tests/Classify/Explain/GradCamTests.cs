using XraySynth.Classify.Explain;
using XraySynth.Classify.Networks;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Classify.Explain;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class GradCamTests
{
    [Theory]
    [InlineData(ClassifierArchitecture.ResNet18)]
    [InlineData(ClassifierArchitecture.DenseNet121)]
    public void Maps_have_the_input_size_and_lie_in_zero_one(ClassifierArchitecture arch)
    {
        _ = TorchFixture.Cpu;
        using var net = ClassifierNetworks.Create(arch, 3);
        using var scope = NewDisposeScope();
        var cams = GradCam.Compute(net, rand(2, 1, 96, 64), label: 2);

        Assert.Equal(new long[] { 2, 96, 64 }, cams.shape);
        Assert.Equal(ScalarType.Float32, cams.dtype);
        Assert.Equal(TorchSharp.DeviceType.CPU, cams.device_type);
        Assert.True(cams.min().item<float>() >= 0);
        Assert.True(cams.max().item<float>() <= 1);
        Assert.False(cams.requires_grad);
    }

    [Fact]
    public void For_a_pooled_linear_head_grad_cam_equals_the_class_activation_map()
    {
        // With global average pooling and a linear head, ∂y_c/∂A_k(i,j) = w_ck / (h·w): Grad-CAM is CAM (Zhou et al. 2016).
        _ = TorchFixture.Cpu;
        manual_seed(8); // a fixed network whose map for label 1 is not flat (flat maps are zeroed by design)
        using var net = new TinyConvNet(4, width: 8);
        net.eval();
        using var scope = NewDisposeScope();
        var x = rand(3, 1, 24, 20);
        var cams = GradCam.Compute(net, x, label: 1);

        var features = net.Features(x).detach();                                        // [3, 16, 12, 10]
        var w = net.named_parameters().Single(p => p.name == "fc.weight").parameter[1]; // [16]
        var expected = nn.functional.relu((w.view(1, -1, 1, 1) * features).sum(1, keepdim: true));
        expected = nn.functional.interpolate(expected, size: new long[] { 24, 20 }, mode: InterpolationMode.Bilinear, align_corners: false).squeeze(1);
        var low = expected.amin(new long[] { 1, 2 }, keepdim: true);
        expected = (expected - low) / (expected.amax(new long[] { 1, 2 }, keepdim: true) - low);
        Assert.True(cams.allclose(expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void The_network_runs_in_eval_mode_and_gets_its_training_flag_back()
    {
        _ = TorchFixture.Cpu;
        using var net = new DenseNet121(2, dropRate: 0.5);
        using var scope = NewDisposeScope();
        var x = rand(2, 1, 64, 64);
        net.train();
        var first = GradCam.Compute(net, x, 0);
        var second = GradCam.Compute(net, x, 0);
        Assert.True(net.training);
        Assert.True(first.allclose(second, rtol: 0, atol: 0)); // no dropout, running BN statistics
    }

    [Fact]
    public void Bad_label_indices_and_input_shapes_are_rejected()
    {
        _ = TorchFixture.Cpu;
        using var net = new TinyConvNet(2);
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCam.Compute(net, rand(1, 1, 16, 16), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCam.Compute(net, rand(1, 1, 16, 16), -1));
        var error = Assert.Throws<ArgumentException>(() => GradCam.Compute(net, rand(1, 3, 16, 16), 0));
        Assert.Contains("[N, 1, H, W]", error.Message);
    }

    [Fact]
    public void A_constant_map_normalises_to_zeros_not_to_amplified_rounding_noise()
    {
        // ResNet at 32 px has a 1×1 feature map, so every map is constant (bilinear upsampling adds rounding noise).
        _ = TorchFixture.Cpu;
        using var net = ClassifierNetworks.Create(ClassifierArchitecture.ResNet18, 3);
        using var scope = NewDisposeScope();
        for (int label = 0; label < 3; label++)
        {
            var cams = GradCam.Compute(net, randn(8, 1, 32, 32), label);
            Assert.Equal(new long[] { 8, 32, 32 }, cams.shape);
            Assert.Equal(0f, cams.abs().max().item<float>());
        }
    }

    [Fact]
    public void The_map_peaks_inside_a_planted_lesion_once_the_network_has_learned_to_detect_it()
    {
        _ = TorchFixture.Cpu;
        manual_seed(7);
        var data = new PlantedLesions(seed: 11);
        using var net = new TinyConvNet(1, width: 8);
        const int count = 50;
        var (lesions, _, squares) = data.Batch(count, positivesOnly: true);
        int untrained = PeaksInside(net, lesions, squares);

        using var optimizer = optim.Adam(net.parameters(), lr: 0.003);
        net.train();
        for (int step = 0; step < 150; step++)
        {
            using var stepScope = NewDisposeScope();
            var (images, labels, _) = data.Batch(32);
            var loss = nn.functional.binary_cross_entropy_with_logits(net.forward(Standardise(images)), labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        using var scope = NewDisposeScope();
        net.eval();
        var check = data.Batch(200);
        float accuracy;
        using (no_grad()) accuracy = net.forward(Standardise(check.Images)).gt(0).eq(check.Labels.gt(0.5)).to(ScalarType.Float32).mean().item<float>();
        Assert.True(accuracy >= 0.95f, $"the tiny network did not learn the task (accuracy {accuracy:F2})");

        int trained = PeaksInside(net, lesions, squares);
        Assert.True(trained >= 0.8 * count, $"after training the CAM peak was inside the lesion in {trained}/{count} images");
        Assert.True(untrained <= 0.2 * count, $"control: before training the CAM peak was already inside the lesion in {untrained}/{count} images");
    }

    /// <summary>Noise mean 0.35 and lesions push the mean to ~0.4; scale to roughly zero mean, unit spread.</summary>
    static Tensor Standardise(Tensor images) => (images - 0.4) / 0.25;

    /// <summary>How many images have their CAM maximum inside the planted square.</summary>
    static int PeaksInside(ClassifierNetwork net, Tensor lesions, (int X, int Y)?[] squares)
    {
        using var scope = NewDisposeScope();
        int count = (int)lesions.shape[0];
        var cams = GradCam.Compute(net, Standardise(lesions), 0);                        // [count, 32, 32]
        long[] peaks = cams.view(count, -1).argmax(1).data<long>().ToArray();
        int hits = 0;
        for (int n = 0; n < count; n++)
        {
            int y = (int)(peaks[n] / PlantedLesions.Size), x = (int)(peaks[n] % PlantedLesions.Size);
            var (x0, y0) = squares[n]!.Value;
            if (x >= x0 && x < x0 + PlantedLesions.Square && y >= y0 && y < y0 + PlantedLesions.Square) hits++;
        }
        return hits;
    }
}
