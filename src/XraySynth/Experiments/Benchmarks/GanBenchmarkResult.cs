using System.Text.Json;
using System.Text.Json.Serialization;

namespace XraySynth.Experiments.Benchmarks;

/// <summary>
/// One throughput measurement, printed as one JSON line with the same fields as bench/reference/*.py so
/// bench/gan-benchmark.sh can put both in one table.
/// </summary>
public sealed record GanBenchmarkResult
{
    static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>"xraysynth" (the PyTorch reference says "pytorch").</summary>
    [JsonPropertyName("impl")] public string Implementation { get; init; } = "xraysynth";

    /// <summary>"pggan" or "dcgan".</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>Resolution in pixels.</summary>
    [JsonPropertyName("resolution")] public required int Resolution { get; init; }

    /// <summary>Real images per step.</summary>
    [JsonPropertyName("batch")] public required int Batch { get; init; }

    /// <summary>Timed steps per window.</summary>
    [JsonPropertyName("steps")] public required int Steps { get; init; }

    /// <summary>Untimed steps before.</summary>
    [JsonPropertyName("warmup")] public required int Warmup { get; init; }

    /// <summary>Timed windows.</summary>
    [JsonPropertyName("repeats")] public required int Repeats { get; init; }

    /// <summary>Median over the windows of real images per second.</summary>
    [JsonPropertyName("img_per_s")] public required double ImagesPerSecond { get; init; }

    /// <summary>Images per second of each window, in order.</summary>
    [JsonPropertyName("img_per_s_windows")] public required IReadOnlyList<double> WindowImagesPerSecond { get; init; }

    /// <summary>Median milliseconds per step.</summary>
    [JsonPropertyName("ms_per_step")] public required double MillisecondsPerStep { get; init; }

    /// <summary>Analytic FLOPs of a step per real image (<see cref="GanFlops"/>).</summary>
    [JsonPropertyName("flops_per_image")] public required long FlopsPerImage { get; init; }

    /// <summary>Parameters of the generator (a check that both implementations built the same network).</summary>
    [JsonPropertyName("g_params")] public required long GeneratorParameters { get; init; }

    /// <summary>Parameters of the discriminator.</summary>
    [JsonPropertyName("d_params")] public required long DiscriminatorParameters { get; init; }

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

    /// <summary>bf16 activations were used.</summary>
    [JsonPropertyName("bf16")] public bool Bf16 { get; init; }

    /// <summary>Channels-last layout was used.</summary>
    [JsonPropertyName("channels_last")] public bool ChannelsLast { get; init; }

    /// <summary>Multi-tensor Adam was used.</summary>
    [JsonPropertyName("foreach_adam")] public bool ForeachAdam { get; init; }

    /// <summary>Latents were drawn on the host and copied each step.</summary>
    [JsonPropertyName("host_draws")] public bool HostDraws { get; init; }

    /// <summary>Discriminator loss of the last step (a sanity check: finite).</summary>
    [JsonPropertyName("d_loss")] public required double DiscriminatorLoss { get; init; }

    /// <summary>Generator loss of the last step.</summary>
    [JsonPropertyName("g_loss")] public required double GeneratorLoss { get; init; }

    /// <summary>libtorch version in use.</summary>
    [JsonPropertyName("torch")] public required string Torch { get; init; }

    /// <summary>The result as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a line written by <see cref="ToJson"/>.</summary>
    public static GanBenchmarkResult FromJson(string line) =>
        JsonSerializer.Deserialize<GanBenchmarkResult>(line, Json) ?? throw new JsonException("empty benchmark result");
}
