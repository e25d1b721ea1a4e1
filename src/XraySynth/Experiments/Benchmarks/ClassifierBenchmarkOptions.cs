using XraySynth.Classify;
using XraySynth.Classify.Networks;

namespace XraySynth.Experiments.Benchmarks;

/// <summary>What <see cref="ClassifierThroughput"/> measures: which backbone, at what size, for how long, with which speed options.</summary>
public sealed record ClassifierBenchmarkOptions
{
    /// <summary>Smallest input size the backbones accept (stride 32: a 1×1 final feature map).</summary>
    public const int MinimumSize = 32;

    /// <summary>Largest input size accepted (<see cref="ClassifierConfig.ImageSize"/>'s upper bound).</summary>
    public const int MaximumSize = 1024;

    /// <summary>Backbone (<see cref="ClassifierNetworks.Create"/>).</summary>
    public ClassifierArchitecture Architecture { get; init; } = ClassifierArchitecture.ResNet50;

    /// <summary>Input height and width in pixels.</summary>
    public int Size { get; init; } = 224;

    /// <summary>Images per step.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>Timed steps per repeat.</summary>
    public int Steps { get; init; } = 30;

    /// <summary>Untimed steps first (cuDNN autotuning, caching allocator, lazy initialisation).</summary>
    public int Warmup { get; init; } = 10;

    /// <summary>Timed windows of <see cref="Steps"/> steps; the median is reported.</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>Logits (NIH ChestX-ray14: 14).</summary>
    public int Labels { get; init; } = 14;

    /// <summary>bfloat16 batches on fp32 master weights, as the trainer's <see cref="ClassifierConfig.Bf16"/> (pooling, head and loss in fp32).</summary>
    public bool Bf16 { get; init; }

    /// <summary>Channels-last (NHWC) layout for conv weights and batches, as the trainer's <see cref="ClassifierConfig.ChannelsLast"/>.</summary>
    public bool ChannelsLast { get; init; }

    /// <summary>Multi-tensor AdamW (<see cref="Torch.ForeachAdam"/> with weight decay) instead of TorchSharp's per-parameter AdamW.</summary>
    public bool ForeachAdam { get; init; }

    /// <summary>AdamW learning rate (the trainer's peak default).</summary>
    public double LearningRate { get; init; } = new ClassifierConfig().LearningRate;

    /// <summary>AdamW decoupled weight decay (the trainer's default).</summary>
    public double WeightDecay { get; init; } = new ClassifierConfig().WeightDecay;

    /// <summary>Keep deterministic algorithms on (restricts cuDNN's choice; the PyTorch reference runs without).</summary>
    public bool Deterministic { get; init; }

    /// <summary>cuDNN autotuning (<c>torch.backends.cudnn.benchmark</c>), on in the PyTorch reference too.</summary>
    public bool CudnnBenchmark { get; init; } = true;

    /// <summary>Every problem with these options, as "what: why" lines (empty when valid).</summary>
    public IEnumerable<string> Validate()
    {
        if (Size is < MinimumSize or > MaximumSize) yield return $"--size {Size}: expected {MinimumSize} to {MaximumSize} pixels";
        if (Batch < 2) yield return $"--batch {Batch}: expected 2 or more (BatchNorm needs two images per batch at the smallest maps)";
        if (Steps < 1) yield return $"--steps {Steps}: expected 1 or more";
        if (Warmup < 0) yield return $"--warmup {Warmup}: expected 0 or more";
        if (Repeats < 1) yield return $"--repeats {Repeats}: expected 1 or more";
        if (Labels < 1) yield return $"--labels {Labels}: expected 1 or more";
        if (LearningRate <= 0) yield return $"learning rate {LearningRate}: expected a positive number";
        if (WeightDecay < 0) yield return $"weight decay {WeightDecay}: expected 0 or more";
    }
}
