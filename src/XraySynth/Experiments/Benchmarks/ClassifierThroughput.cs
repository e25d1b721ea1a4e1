using System.Diagnostics;
using TorchSharp;
using XraySynth.Classify.Losses;
using XraySynth.Classify.Networks;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Experiments.Benchmarks;

/// <summary>
/// Classifier training throughput: the real backbone (<see cref="ClassifierNetworks.Create"/>), AdamW as the trainer
/// builds it, random batches already on the device, and the trainer's step (zero gradients, forward, BCE loss,
/// backward, AdamW step) in a loop with a DisposeScope per step, timed between device synchronizations after a
/// warm-up. bench/reference/classifier.py times the same step written in plain PyTorch.
/// </summary>
public static class ClassifierThroughput
{
    /// <summary>Distinct batches cycled through (made once, on the device).</summary>
    public const int BatchPool = 4;

    /// <summary>Probability of each label in the random multi-hot targets.</summary>
    public const double LabelFrequency = 0.15;

    /// <summary>
    /// Measures <paramref name="options"/> on <paramref name="runtime"/>'s device. For the run, deterministic
    /// algorithms and cuDNN autotuning are set as the options say (the PyTorch reference: off and on); both are
    /// restored afterwards. Torch's generators are reseeded first, so a seed gives the same weights and batches.
    /// </summary>
    /// <exception cref="UserError">The options are invalid.</exception>
    public static ClassifierBenchmarkResult Run(TorchRuntime runtime, ClassifierBenchmarkOptions options, IReporter? reporter = null)
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

    static ClassifierBenchmarkResult Measure(TorchRuntime runtime, ClassifierBenchmarkOptions options, IReporter reporter)
    {
        Device device = runtime.Device;
        runtime.Reseed(runtime.Seed);

        // Network, then device and layout, then the optimizer (its state copies the parameters' device and layout).
        using var model = ClassifierNetworks.Create(options.Architecture, options.Labels);
        model.to(device);
        if (options.ChannelsLast) ChannelsLast.Apply(model);
        model.train();
        using optim.Optimizer optimizer = options.ForeachAdam
            ? new ForeachAdam(model.parameters(), options.LearningRate, 0.9, 0.999, 1e-8, options.WeightDecay)
            : optim.AdamW(model.parameters(), options.LearningRate, 0.9, 0.999, 1e-8, options.WeightDecay);
        var batches = Batches(options, device);
        int index = 0;

        // One training step as ClassifierTrainer runs it, in its own DisposeScope; the loss outlives it only when asked for.
        Tensor? Step(bool keepLoss)
        {
            using var quiet = GcQuietStep.Begin();
            using var scope = NewDisposeScope();
            var (x, y) = batches[index++ % batches.Count];
            if (options.ForeachAdam) optimizer.zero_grad();                   // one multi-tensor call
            else model.zero_grad();                                           // as the trainer does
            var logits = model.forward(x);                                    // [N, L] fp32
            var loss = WeightedBce.Loss(logits, y);
            loss.backward();
            optimizer.step();
            return keepLoss ? loss.detach().DetachFromDisposeScope() : null;
        }

        try
        {
            string name = Name(options);
            reporter.Detail($"bench classify: {name}, {options.Warmup} warm-up steps");
            for (int i = 0; i < options.Warmup; i++) Step(false);
            Synchronize(device);
            var windows = new List<double>();
            Tensor? last = null;
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
                reporter.Detail(FormattableString.Invariant($"bench classify: window {repeat + 1}: {windows[^1]:0.000} ms/step"));
            }
            using var loss = last!;
            return Summarize(runtime, options, model, windows, loss.item<float>());
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

    /// <summary>"resnet50" etc., as the configuration files spell it.</summary>
    static string Name(ClassifierBenchmarkOptions options) => ConfigNames.EnumText(typeof(ClassifierArchitecture), options.Architecture.ToString());

    /// <summary>Random images in [-1, 1] (bfloat16 and NHWC when asked, as the trainer casts its batches) and multi-hot labels, made once on the device.</summary>
    static List<(Tensor Images, Tensor Labels)> Batches(ClassifierBenchmarkOptions options, Device device)
    {
        var list = new List<(Tensor, Tensor)>();
        long[] imageShape = [options.Batch, 1, options.Size, options.Size];
        for (int i = 0; i < BatchPool; i++)
        {
            using var scope = NewDisposeScope();
            var images = rand(imageShape, device: device) * 2 - 1;
            if (options.ChannelsLast) images = ChannelsLast.Of(images);
            if (options.Bf16) images = images.to(ScalarType.BFloat16);
            var labels = (rand(new long[] { options.Batch, options.Labels }, device: device) < LabelFrequency).to(ScalarType.Float32);
            list.Add((images.DetachFromDisposeScope(), labels.DetachFromDisposeScope()));
        }
        return list;
    }

    static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }

    static ClassifierBenchmarkResult Summarize(TorchRuntime runtime, ClassifierBenchmarkOptions options, ClassifierNetwork model,
        IReadOnlyList<double> windows, double loss)
    {
        bool onCuda = runtime.Device.type == DeviceType.CUDA;
        long forward = ClassifierFlops.Forward(options.Architecture, options.Size, options.Labels);
        long perImage = ClassifierFlops.TrainingMultiplier * forward;
        double milliseconds = Median(windows);
        double imagesPerSecond = options.Batch * 1000.0 / milliseconds;
        string device = onCuda ? CudaDeviceInfo.Query(Math.Max(0, (int)runtime.Device.index)).Name : "cpu";
        var precision = options.Bf16 ? ComputePrecision.Bf16
            : onCuda && backends.cudnn.allow_tf32 ? ComputePrecision.Tf32 : ComputePrecision.Fp32;
        double? peak = onCuda ? GpuPeaks.Find(device)?.For(precision) : null;
        double tflops = perImage * imagesPerSecond / 1e12;
        return new ClassifierBenchmarkResult
        {
            Model = Name(options),
            Size = options.Size,
            Batch = options.Batch,
            Labels = options.Labels,
            Steps = options.Steps,
            Warmup = options.Warmup,
            Repeats = options.Repeats,
            ImagesPerSecond = Math.Round(imagesPerSecond, 2),
            WindowImagesPerSecond = windows.Select(w => Math.Round(options.Batch * 1000.0 / w, 2)).ToList(),
            MillisecondsPerStep = Math.Round(milliseconds, 3),
            ForwardFlopsPerImage = forward,
            FlopsPerImage = perImage,
            Parameters = model.parameters().Sum(p => p.numel()),
            Tflops = Math.Round(tflops, 3),
            Precision = precision.ToString().ToLowerInvariant(),
            PeakTflops = peak,
            FractionOfPeak = peak is double p ? Math.Round(tflops / p, 4) : null,
            Device = device,
            Bf16 = options.Bf16,
            ChannelsLast = options.ChannelsLast,
            ForeachAdam = options.ForeachAdam,
            Loss = loss,
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
