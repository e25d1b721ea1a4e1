using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Tests.Torch;

public sealed class CpuConvolutionCheckTests
{
    [Fact]
    public void Loading_libtorch_checks_the_cpu_convolutions_and_leaves_them_correct()
    {
        var report = TorchFixture.Cpu.Loaded.CpuConvolutions;
        Assert.NotNull(report);
        var final = report.AfterDisablingMkldnn ?? report.First;
        Assert.True(final.Passed, final.Describe());
        Assert.Equal(report.DisabledMkldnn, !NativeContextSwitches.MkldnnEnabled());
        Assert.True(CpuConvolutionCheck.Measure().Passed);
        Assert.StartsWith(report.DisabledMkldnn ? "oneDNN convolutions were wrong here" : "ok (oneDNN on", report.Describe());
    }

    [Fact]
    public void Loading_libtorch_switches_nnpack_off_so_unsupported_cpus_do_not_flood_the_log()
    {
        _ = TorchFixture.Cpu;
        Assert.False(NativeContextSwitches.NnpackEnabled());
    }

    /// <summary>
    /// Independent of the check's own cases: convolution gradients of many shapes in fp32 against float64 autograd
    /// and, for the input gradient, against an explicit transposed convolution (on an AMD Zen 5 VM, oneDNN's
    /// input gradients were off by the size of the values for most of these shapes).
    /// </summary>
    [Fact]
    public void Convolution_gradients_of_many_shapes_match_float64()
    {
        _ = TorchFixture.Cpu;
        var failures = new List<string>();
        foreach (int batch in new[] { 1, 4 })
        foreach (int channels in new[] { 1, 3, 8 })
        foreach (int outputs in new[] { 1, 8 })
        foreach (int side in new[] { 4, 8, 16 })
        foreach (int kernel in new[] { 1, 3, 4 })
        {
            int padding = kernel == 3 ? 1 : 0;
            using var scope = NewDisposeScope();
            using var generator = new Generator(1, CPU);
            var x = randn(new long[] { batch, channels, side, side }, generator: generator).requires_grad_(true);
            var w = randn(new long[] { outputs, channels, kernel, kernel }, generator: generator).requires_grad_(true);
            var y = nn.functional.conv2d(x, w, null, padding: new long[] { padding, padding });
            var upstream = randn(y.shape, generator: generator);
            var grads = autograd.grad(new[] { y }, new[] { x, w }, new[] { upstream });

            var x64 = x.detach().to(ScalarType.Float64).requires_grad_(true);
            var w64 = w.detach().to(ScalarType.Float64).requires_grad_(true);
            var y64 = nn.functional.conv2d(x64, w64, null, padding: new long[] { padding, padding });
            var reference = autograd.grad(new[] { y64 }, new[] { x64, w64 }, new[] { upstream.to(ScalarType.Float64) });
            // The input gradient is the transposed convolution of the upstream gradient with the same weights.
            var explicitInput = nn.functional.conv_transpose2d(upstream.to(ScalarType.Float64), w64.detach(), null, padding: new long[] { padding, padding });

            double Error(Tensor got, Tensor want) =>
                (got.to(ScalarType.Float64) - want).abs().max().item<double>() / Math.Max(1e-12, want.abs().max().item<double>());
            double worst = new[] { Error(y, y64), Error(grads[0], reference[0]), Error(grads[1], reference[1]), Error(reference[0], explicitInput) }.Max();
            if (!(worst < 1e-4)) failures.Add($"{batch}x{channels}x{side}x{side} -> {outputs}, kernel {kernel}: {worst:g3}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
