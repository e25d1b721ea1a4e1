using XraySynth.Common;
using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>
/// A self-check of libtorch's CPU convolutions, run once when libtorch is loaded: a few small convolutions and
/// transposed convolutions (forward, input gradient, weight gradient; fp32, and bf16 forward) against the same
/// computation in float64, which never runs on oneDNN. On some CPUs oneDNN's JIT kernels return wrong results
/// (seen on an AMD Zen 5 virtual machine with libtorch 2.10: input gradients off by the size of the values, bf16
/// convolutions off by 80%, GAN training turning NaN within a few steps); there the check switches oneDNN off for
/// the process (<c>torch.backends.mkldnn.enabled = false</c>: ATen's own kernels, correct and somewhat slower)
/// and checks again.
/// </summary>
public static class CpuConvolutionCheck
{
    /// <summary>Largest fp32 error allowed, relative to the largest reference value of that output.</summary>
    public const double Fp32Tolerance = 1e-4;

    /// <summary>Largest bf16 forward error allowed (bf16 keeps 8 bits of mantissa; the cases sum at most 72 products).</summary>
    public const double Bf16Tolerance = 0.05;

    /// <summary>One convolution case: batch, in/out channels, square input side, kernel, stride, padding, transposed.</summary>
    sealed record Case(int Batch, int In, int Out, int Side, int Kernel, int Stride, int Padding, bool Transposed)
    {
        public override string ToString() =>
            $"{(Transposed ? "conv_transpose2d" : "conv2d")} {Batch}x{In}x{Side}x{Side} -> {Out} channels, kernel {Kernel}, stride {Stride}, padding {Padding}";
    }

    // The shapes of the GAN, classifier and detector layers in miniature (each failed on the machine above).
    static readonly Case[] Cases =
    [
        new(4, 8, 8, 8, 4, 1, 0, false),
        new(4, 2, 8, 16, 3, 1, 1, false),
        new(1, 1, 1, 8, 4, 1, 0, false),
        new(2, 8, 4, 8, 3, 2, 1, false),
        new(4, 8, 4, 4, 4, 2, 1, true),
    ];

    /// <summary>
    /// Checks the convolutions; when they are wrong with oneDNN on, switches it off and checks again.
    /// </summary>
    /// <exception cref="UserError">The convolutions are wrong with oneDNN off too.</exception>
    public static CpuConvolutionReport Run()
    {
        var first = Measure();
        if (first.Passed) return new CpuConvolutionReport(first, null);
        if (!first.Mkldnn) throw Wrong(first);
        NativeContextSwitches.SetMkldnnEnabled(false);
        var second = Measure();
        return second.Passed ? new CpuConvolutionReport(first, second) : throw Wrong(second);
    }

    static UserError Wrong(CpuConvolutionMeasurement measurement) =>
        new($"libtorch's CPU convolutions compute wrong results on this machine{(measurement.Mkldnn ? "" : " with oneDNN switched off")}: " +
            $"{measurement.Describe()}. Training here would be wrong; try another machine or libtorch build.");

    /// <summary>The worst relative errors of every case with the current settings.</summary>
    public static CpuConvolutionMeasurement Measure()
    {
        double fp32 = 0, bf16 = 0;
        string fp32Case = "", bf16Case = "";
        // Keeps the worst error and its case; NaN counts as the worst there is.
        static void Worst(ref double worst, ref string where, double error, Case c)
        {
            if (error <= worst) return;
            worst = double.IsNaN(error) ? double.PositiveInfinity : error;
            where = c.ToString();
        }
        using var generator = new TorchSharp.torch.Generator(20260101, CPU);
        foreach (var c in Cases)
        {
            using var scope = NewDisposeScope();
            var x = randn(new long[] { c.Batch, c.In, c.Side, c.Side }, generator: generator);
            var w = c.Transposed ? randn(new long[] { c.In, c.Out, c.Kernel, c.Kernel }, generator: generator)
                : randn(new long[] { c.Out, c.In, c.Kernel, c.Kernel }, generator: generator);
            var (y, dx, dw) = ForwardBackward(c, x, w);
            var (y64, dx64, dw64) = ForwardBackward(c, x.to(ScalarType.Float64), w.to(ScalarType.Float64));
            foreach (var (got, want) in new[] { (y, y64), (dx, dx64), (dw, dw64) })
                Worst(ref fp32, ref fp32Case, RelativeError(got, want), c);
            Worst(ref bf16, ref bf16Case, RelativeError(Forward(c, x.to(ScalarType.BFloat16), w.to(ScalarType.BFloat16)), y64), c);
        }
        return new CpuConvolutionMeasurement(NativeContextSwitches.MkldnnEnabled(), fp32, fp32Case, bf16, bf16Case);
    }

    static (Tensor Output, Tensor InputGradient, Tensor WeightGradient) ForwardBackward(Case c, Tensor x, Tensor w)
    {
        var xLeaf = x.detach().requires_grad_(true);
        var wLeaf = w.detach().requires_grad_(true);
        var y = Forward(c, xLeaf, wLeaf);
        using var generator = new TorchSharp.torch.Generator(7, CPU);
        var upstream = randn(y.shape, generator: generator).to(y.dtype);
        var gradients = autograd.grad(new[] { y }, new[] { xLeaf, wLeaf }, new[] { upstream });
        return (y.detach(), gradients[0], gradients[1]);
    }

    static Tensor Forward(Case c, Tensor x, Tensor w) => c.Transposed
        ? nn.functional.conv_transpose2d(x, w, null, strides: new long[] { c.Stride, c.Stride }, padding: new long[] { c.Padding, c.Padding })
        : nn.functional.conv2d(x, w, null, strides: new long[] { c.Stride, c.Stride }, padding: new long[] { c.Padding, c.Padding });

    static double RelativeError(Tensor got, Tensor want)
    {
        var want64 = want.to(ScalarType.Float64);
        double scale = Math.Max(want64.abs().max().item<double>(), 1e-12);
        return (got.to(ScalarType.Float64) - want64).abs().max().item<double>() / scale;
    }
}

/// <summary>The worst errors of <see cref="CpuConvolutionCheck"/>'s cases with one oneDNN setting.</summary>
/// <param name="Mkldnn">Whether oneDNN was on.</param>
/// <param name="Fp32Error">Worst fp32 error (forward or either gradient) relative to the float64 reference.</param>
/// <param name="Fp32Case">The case it came from.</param>
/// <param name="Bf16Error">Worst bf16 forward error relative to the float64 reference.</param>
/// <param name="Bf16Case">The case it came from.</param>
public sealed record CpuConvolutionMeasurement(bool Mkldnn, double Fp32Error, string Fp32Case, double Bf16Error, string Bf16Case)
{
    /// <summary>Both errors within tolerance.</summary>
    public bool Passed => Fp32Error <= CpuConvolutionCheck.Fp32Tolerance && Bf16Error <= CpuConvolutionCheck.Bf16Tolerance;

    /// <summary>One line: the errors and their cases.</summary>
    public string Describe() => FormattableString.Invariant(
        $"oneDNN {(Mkldnn ? "on" : "off")}: fp32 relative error {Fp32Error:g3}{(Fp32Case.Length > 0 ? $" ({Fp32Case})" : "")}, bf16 {Bf16Error:g3}{(Bf16Case.Length > 0 ? $" ({Bf16Case})" : "")}");
}

/// <summary>What the check found and did.</summary>
/// <param name="First">The measurement with libtorch's settings as loaded.</param>
/// <param name="AfterDisablingMkldnn">The measurement after oneDNN was switched off, or null when the first passed.</param>
public sealed record CpuConvolutionReport(CpuConvolutionMeasurement First, CpuConvolutionMeasurement? AfterDisablingMkldnn)
{
    /// <summary>Whether oneDNN was switched off for this process.</summary>
    public bool DisabledMkldnn => AfterDisablingMkldnn is not null;

    /// <summary>One line for <c>doctor</c> and warnings.</summary>
    public string Describe() => DisabledMkldnn
        ? $"oneDNN convolutions were wrong here ({First.Describe()}); switched oneDNN off for this process (ATen kernels, slower): {AfterDisablingMkldnn!.Describe()}"
        : $"ok ({First.Describe()})";
}
