using System.Text.Json;
using System.Text.Json.Serialization;

namespace XraySynth.Experiments.Benchmarks;

/// <summary>
/// One classifier throughput measurement, printed as one JSON line with the same fields as
/// bench/reference/classifier.py so bench/classifier-benchmark.sh can put both in one table.
/// </summary>
public sealed record ClassifierBenchmarkResult
{
    static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>"xraysynth" (the PyTorch reference says "pytorch").</summary>
    [JsonPropertyName("impl")] public string Implementation { get; init; } = "xraysynth";

    /// <summary>"resnet18", "resnet50" or "densenet121".</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>Input height and width in pixels.</summary>
    [JsonPropertyName("size")] public required int Size { get; init; }

    /// <summary>Images per step.</summary>
    [JsonPropertyName("batch")] public required int Batch { get; init; }

    /// <summary>Logits.</summary>
    [JsonPropertyName("labels")] public required int Labels { get; init; }

    /// <summary>Timed steps per window.</summary>
    [JsonPropertyName("steps")] public required int Steps { get; init; }

    /// <summary>Untimed steps before.</summary>
    [JsonPropertyName("warmup")] public required int Warmup { get; init; }

    /// <summary>Timed windows.</summary>
    [JsonPropertyName("repeats")] public required int Repeats { get; init; }

    /// <summary>Median over the windows of images per second.</summary>
    [JsonPropertyName("img_per_s")] public required double ImagesPerSecond { get; init; }

    /// <summary>Images per second of each window, in order.</summary>
    [JsonPropertyName("img_per_s_windows")] public required IReadOnlyList<double> WindowImagesPerSecond { get; init; }

    /// <summary>Median milliseconds per step.</summary>
    [JsonPropertyName("ms_per_step")] public required double MillisecondsPerStep { get; init; }

    /// <summary>Analytic FLOPs of one forward pass per image (<see cref="ClassifierFlops.Forward"/>).</summary>
    [JsonPropertyName("forward_flops_per_image")] public required long ForwardFlopsPerImage { get; init; }

    /// <summary>FLOPs of a training step per image: <see cref="ClassifierFlops.TrainingMultiplier"/> forwards.</summary>
    [JsonPropertyName("flops_per_image")] public required long FlopsPerImage { get; init; }

    /// <summary>Parameters of the network (a check that both implementations built the same network).</summary>
    [JsonPropertyName("params")] public required long Parameters { get; init; }

    /// <summary>Achieved TFLOP/s: FLOPs per image × images per second.</summary>
    [JsonPropertyName("tflops")] public required double Tflops { get; init; }

    /// <summary>"bf16", "tf32" or "fp32": the convolutions' arithmetic, which picks the peak.</summary>
    [JsonPropertyName("precision")] public required string Precision { get; init; }

    /// <summary>The device's peak TFLOP/s at that precision; null for an unknown device (and the CPU).</summary>
    [JsonPropertyName("peak_tflops")] public double? PeakTflops { get; init; }

    /// <summary>Achieved over peak; null when the peak is unknown.</summary>
    [JsonPropertyName("fraction_of_peak")] public double? FractionOfPeak { get; init; }

    /// <summary>Device name ("cpu" or the CUDA device's name).</summary>
    [JsonPropertyName("device")] public required string Device { get; init; }

    /// <summary>bf16 batches (mixed precision) were used.</summary>
    [JsonPropertyName("bf16")] public bool Bf16 { get; init; }

    /// <summary>Channels-last layout was used.</summary>
    [JsonPropertyName("channels_last")] public bool ChannelsLast { get; init; }

    /// <summary>Multi-tensor AdamW was used.</summary>
    [JsonPropertyName("foreach_adam")] public bool ForeachAdam { get; init; }

    /// <summary>BCE loss of the last step (a sanity check: finite).</summary>
    [JsonPropertyName("loss")] public required double Loss { get; init; }

    /// <summary>libtorch version in use.</summary>
    [JsonPropertyName("torch")] public required string Torch { get; init; }

    /// <summary>The result as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a line written by <see cref="ToJson"/>.</summary>
    public static ClassifierBenchmarkResult FromJson(string line) =>
        JsonSerializer.Deserialize<ClassifierBenchmarkResult>(line, Json) ?? throw new JsonException("empty benchmark result");
}
