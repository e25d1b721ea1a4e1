using System.Diagnostics;
using TorchSharp;
using XraySynth.Common;
using XraySynth.Gan;
using XraySynth.Gan.Training;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Experiments.Benchmarks;

/// <summary>
/// GAN training throughput: the networks at their full resolution, Adam as the trainer builds it, random real
/// batches already on the device, and <see cref="GanStep.Run"/> (D update, G update, moving average) in a loop
/// with a DisposeScope per step, timed between device synchronizations after a warm-up. bench/reference/*.py
/// time the same step written in plain PyTorch.
/// </summary>
public static class GanThroughput
{
    /// <summary>Distinct real batches cycled through (made once, on the device).</summary>
    public const int BatchPool = 4;

    /// <summary>Probability of each label in the random multi-hot conditions.</summary>
    public const double LabelFrequency = 0.15;

    /// <summary>
    /// Measures <paramref name="options"/> on <paramref name="runtime"/>'s device. For the run, deterministic
    /// algorithms and cuDNN autotuning are set as the options say (the PyTorch reference: off and on); both are
    /// restored afterwards. Torch's generators are reseeded first, so a seed gives the same weights and batches.
    /// </summary>
    /// <exception cref="UserError">The options are invalid.</exception>
    public static GanBenchmarkResult Run(TorchRuntime runtime, GanBenchmarkOptions options, IReporter? reporter = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new UserError(string.Join("; ", problems));
        bool deterministic = NativeContextSwitches.DeterministicAlgorithms();
        bool warnOnly = NativeContextSwitches.DeterministicAlgorithmsWarnOnly();
        bool autotune = NativeContextSwitches.BenchmarkCuDnn();
        try
        {
            NativeContextSwitches.SetDeterministicAlgorithms(options.Deterministic, warnOnly: true);
            NativeContextSwitches.SetBenchmarkCuDnn(options.CudnnBenchmark);
            return Measure(runtime, options, reporter ?? NullReporter.Instance);
        }
        finally
        {
            NativeContextSwitches.SetDeterministicAlgorithms(deterministic, warnOnly);
            NativeContextSwitches.SetBenchmarkCuDnn(autotune);
        }
    }

    static GanBenchmarkResult Measure(TorchRuntime runtime, GanBenchmarkOptions options, IReporter reporter)
    {
        Device device = runtime.Device;
        GanConfig config = options.ToGanConfig();
        ScalarType dtype = options.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
        int batch = options.Batch, latent = config.LatentSize;
        runtime.Reseed(runtime.Seed);

        // Networks, then layout, then optimizers (their state copies the parameters' device and layout).
        using var networks = GanNetworks.Create(config, options.Labels);
        networks.To(device);
        if (options.ChannelsLast)
            foreach (var module in new[] { networks.Generator, networks.Discriminator, networks.Average }) ChannelsLast.Apply(module);
        using var generatorOptimizer = CreateAdam(networks.Generator, config, options.ForeachAdam);
        using var discriminatorOptimizer = CreateAdam(networks.Discriminator, config, options.ForeachAdam);
        var step = new GanStep(networks, generatorOptimizer, discriminatorOptimizer, config);
        var phase = new TrainingPhase(options.Resolution, 1, batch, $"stable {options.Resolution}");
        double beta = MovingAverage.Beta(batch, config.EmaHalfLifeKimg);
        using var hostGenerator = runtime.CreateGenerator("bench-gan");
        var batches = RealBatches(options, device, dtype);
        int index = 0;

        // One training step in its own DisposeScope; the losses outlive it only when asked for.
        StepLosses? Step(bool keepLosses)
        {
            using var scope = NewDisposeScope();
            var (real, condition) = batches[index++ % batches.Count];
            var draws = options.HostDraws
                ? GanStep.Draw(hostGenerator, batch, latent, device, dtype)
                : new GanStep.Draws(randn(new long[] { batch, latent }, dtype: dtype, device: device),
                                    randn(new long[] { batch, latent }, dtype: dtype, device: device),
                                    rand(new long[] { batch }, device: device));
            var losses = step.Run(real, condition, draws, phase, config.LearningRate, beta);
            if (!keepLosses) return null;
            return new StepLosses(losses.Discriminator.DetachFromDisposeScope(), losses.Generator.DetachFromDisposeScope(),
                losses.Penalty.DetachFromDisposeScope());
        }

        try
        {
            reporter.Detail($"bench gan: {options.Warmup} warm-up steps");
            for (int i = 0; i < options.Warmup; i++) Step(false);
            Synchronize(device);
            var windows = new List<double>();
            StepLosses? last = null;
            for (int repeat = 0; repeat < options.Repeats; repeat++)
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < options.Steps; i++)
                {
                    bool final = repeat == options.Repeats - 1 && i == options.Steps - 1;
                    last = Step(final) ?? last;
                }
                Synchronize(device);
                windows.Add(clock.Elapsed.TotalMilliseconds / options.Steps);
                reporter.Detail(FormattableString.Invariant($"bench gan: window {repeat + 1}: {windows[^1]:0.000} ms/step"));
            }
            using var losses = last!;
            var (discriminatorLoss, generatorLoss, _) = losses.Read();
            return Summarize(runtime, options, config, networks, windows, discriminatorLoss, generatorLoss);
        }
        finally
        {
            foreach (var (images, labels) in batches)
            {
                images.Dispose();
                labels.Dispose();
            }
        }
    }

    static optim.Optimizer CreateAdam(nn.Module module, GanConfig config, bool multiTensor) => multiTensor
        ? new ForeachAdam(module.parameters(), config.LearningRate, config.Beta1, config.Beta2)
        : optim.Adam(module.parameters(), config.LearningRate, config.Beta1, config.Beta2);

    /// <summary>Random images in [-1, 1] and multi-hot labels, made once on the device.</summary>
    static List<(Tensor Images, Tensor Labels)> RealBatches(GanBenchmarkOptions options, Device device, ScalarType dtype)
    {
        var list = new List<(Tensor, Tensor)>();
        long[] imageShape = [options.Batch, 1, options.Resolution, options.Resolution];
        for (int i = 0; i < BatchPool; i++)
        {
            using var scope = NewDisposeScope();
            var images = (rand(imageShape, device: device) * 2 - 1).to(dtype);
            if (options.ChannelsLast) images = ChannelsLast.Of(images);
            var labels = (rand(new long[] { options.Batch, options.Labels }, device: device) < LabelFrequency).to(ScalarType.Float32);
            list.Add((images.DetachFromDisposeScope(), labels.DetachFromDisposeScope()));
        }
        return list;
    }

    static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }

    static GanBenchmarkResult Summarize(TorchRuntime runtime, GanBenchmarkOptions options, GanConfig config, GanNetworks networks,
        IReadOnlyList<double> windows, double discriminatorLoss, double generatorLoss)
    {
        bool onCuda = runtime.Device.type == DeviceType.CUDA;
        var flops = options.Model == GanKind.Pggan ? GanFlops.Pggan(config.Pggan, options.Labels) : GanFlops.Dcgan(config.Dcgan, options.Labels);
        double milliseconds = Median(windows);
        double imagesPerSecond = options.Batch * 1000.0 / milliseconds;
        string device = onCuda ? CudaDeviceInfo.Query(Math.Max(0, (int)runtime.Device.index)).Name : "cpu";
        var precision = options.Bf16 ? ComputePrecision.Bf16
            : onCuda && backends.cudnn.allow_tf32 ? ComputePrecision.Tf32 : ComputePrecision.Fp32;
        double? peak = onCuda ? GpuPeaks.Find(device)?.For(precision) : null;
        double tflops = flops.PerImage * imagesPerSecond / 1e12;
        return new GanBenchmarkResult
        {
            Model = options.Model.ToString().ToLowerInvariant(),
            Resolution = options.Resolution,
            Batch = options.Batch,
            Steps = options.Steps,
            Warmup = options.Warmup,
            Repeats = options.Repeats,
            ImagesPerSecond = Math.Round(imagesPerSecond, 2),
            WindowImagesPerSecond = windows.Select(w => Math.Round(options.Batch * 1000.0 / w, 2)).ToList(),
            MillisecondsPerStep = Math.Round(milliseconds, 3),
            FlopsPerImage = flops.PerImage,
            GeneratorParameters = networks.Generator.parameters().Sum(p => p.numel()),
            DiscriminatorParameters = networks.Discriminator.parameters().Sum(p => p.numel()),
            Tflops = Math.Round(tflops, 3),
            Precision = precision.ToString().ToLowerInvariant(),
            PeakTflops = peak,
            FractionOfPeak = peak is double p ? Math.Round(tflops / p, 4) : null,
            Device = device,
            Bf16 = options.Bf16,
            ChannelsLast = options.ChannelsLast,
            ForeachAdam = options.ForeachAdam,
            HostDraws = options.HostDraws,
            DiscriminatorLoss = discriminatorLoss,
            GeneratorLoss = generatorLoss,
            Torch = runtime.Loaded.Directory.ReadVersion() ?? __version__,
        };
    }

    static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
