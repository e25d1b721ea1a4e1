using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>Result of <see cref="TrainingSmokeTest.Run"/>: first and last loss, and time per step.</summary>
/// <param name="FirstLoss">Loss before the first update.</param>
/// <param name="LastLoss">Loss at the last step.</param>
/// <param name="MillisecondsPerStep">Mean wall time of a step after the first (which includes warm-up).</param>
/// <param name="Device">Where it ran.</param>
public sealed record SmokeTestResult(double FirstLoss, double LastLoss, double MillisecondsPerStep, string Device)
{
    /// <summary>True when the loss went down, i.e. forward, backward and the optimizer all worked on the device.</summary>
    public bool Learned => LastLoss < FirstLoss;
}

/// <summary>
/// A tiny training step on the chosen device (conv → ReLU → pool → linear, BCE, Adam) on a fixed random batch:
/// proves that forward, backward and optimizer kernels run there. Used by <c>xraysynth doctor --smoke</c>.
/// </summary>
public static class TrainingSmokeTest
{
    /// <summary>Runs <paramref name="steps"/> steps on <paramref name="runtime"/>'s device.</summary>
    public static SmokeTestResult Run(TorchRuntime runtime, int steps = 20)
    {
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), "at least 2 steps");
        Device device = runtime.Device;
        using var generator = runtime.CreateGenerator("doctor-smoke");
        using var outer = NewDisposeScope();
        var model = nn.Sequential(
            ("conv", nn.Conv2d(1, 8, 3, padding: 1)),
            ("relu", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool2d(4)),
            ("flat", nn.Flatten()),
            ("head", nn.Linear(8 * 16, 1))).to(device);
        var images = randn(new long[] { 32, 1, 32, 32 }, generator: generator).to(device);
        var targets = (rand(new long[] { 32, 1 }, generator: generator) > 0.5).to(ScalarType.Float32).to(device);
        var optimizer = optim.Adam(model.parameters(), lr: 1e-2);

        double first = double.NaN, last = double.NaN;
        var clock = new Stopwatch();
        for (int step = 0; step < steps; step++)
        {
            if (step == 1) clock.Start();
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(model.forward(images), targets);
            loss.backward();
            optimizer.step();
            double value = loss.item<float>(); // synchronizes with the device
            if (step == 0) first = value;
            last = value;
        }
        clock.Stop();
        return new SmokeTestResult(first, last, clock.Elapsed.TotalMilliseconds / (steps - 1), device.ToString());
    }
}
