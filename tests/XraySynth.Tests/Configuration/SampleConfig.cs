using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Tests.Configuration;

/// <summary>A config record exercising every kind of value the loader supports.</summary>
public sealed record SampleConfig : IValidatedConfig
{
    [Description("Batch size.")]
    [ConfigRange(1, 4096)]
    public int BatchSize { get; init; } = 32;

    [Description("Learning rate.")]
    [ConfigRange(0, 1)]
    public double LearningRate { get; init; } = 0.002;

    [Description("Use EMA.")]
    public bool Ema { get; init; } = true;

    [Description("Run name.")]
    public string Name { get; init; } = "run";

    [Description("Optional note.")]
    public string? Note { get; init; }

    [Description("Kind of network.")]
    public SampleKind Kind { get; init; } = SampleKind.Dcgan;

    [Description("Labels to train on.")]
    public IReadOnlyList<string> Labels { get; init; } = ["Hernia"];

    [Description("Resolutions.")]
    [ConfigRange(4, 1024)]
    public IReadOnlyList<int> Resolutions { get; init; } = [4, 8];

    [Description("Optional seed.")]
    public long? Seed { get; init; }

    [Description("Per-resolution batch sizes.")]
    public IReadOnlyDictionary<string, int> Batches { get; init; } = new Dictionary<string, int>();

    [Description("Nested optimizer settings.")]
    public SampleOptimizer Optimizer { get; init; } = new();

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Kind == SampleKind.Pggan && Resolutions.Count == 0) yield return ("resolutions", "pggan needs at least one resolution");
    }

    /// <summary>Value equality including collections.</summary>
    public bool Equals(SampleConfig? other) =>
        other is not null && BatchSize == other.BatchSize && LearningRate.Equals(other.LearningRate) && Ema == other.Ema &&
        Name == other.Name && Note == other.Note && Kind == other.Kind && Labels.SequenceEqual(other.Labels) &&
        Resolutions.SequenceEqual(other.Resolutions) && Seed == other.Seed && Optimizer == other.Optimizer &&
        Batches.OrderBy(kv => kv.Key).SequenceEqual(other.Batches.OrderBy(kv => kv.Key));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(BatchSize, Name);
}

public enum SampleKind
{
    Dcgan,
    Pggan,
    LabelBalanced,
}

public sealed record SampleOptimizer
{
    [Description("Beta 1.")]
    [ConfigRange(0, 1)]
    public double Beta1 { get; init; } = 0.5;

    [Description("Beta 2.")]
    [ConfigRange(0, 1)]
    public double Beta2 { get; init; } = 0.999;
}
