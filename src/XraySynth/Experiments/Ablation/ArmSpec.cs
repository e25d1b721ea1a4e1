using System.ComponentModel;
using XraySynth.Balance;
using XraySynth.Classify;
using XraySynth.Configuration;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// One arm of the matrix: what its training data and loss differ in from plain real-only training. An arm with a
/// <see cref="Generator"/> adds that generator's synthetic images to train with the balancer (<see cref="Strategy"/>,
/// <see cref="Target"/>, <see cref="Ratio"/>); <c>strategy: oversample</c> without a generator duplicates real
/// positives instead; <see cref="Loss"/> and <see cref="Sampling"/> override the base classifier's.
/// </summary>
public sealed record ArmSpec : IValidatedConfig
{
    /// <summary>Arm name, e.g. <c>real-only</c>, <c>dcgan-x1</c>, <c>focal</c>.</summary>
    [Description("Arm name, e.g. real-only, dcgan-x1, oversample, focal.")]
    public string Name { get; init; } = "";

    /// <summary>Generator whose synthetic images this arm adds; null = none.</summary>
    [Description("Generator (by name) whose synthetic images this arm adds to train; empty = none.")]
    public string? Generator { get; init; }

    /// <summary>Balancer strategy; null = no balancing (unless a generator is named, then target-count).</summary>
    [Description("Balancer strategy (target-count, match-median, match-max, ratio, oversample); empty = none, or target-count with a generator.")]
    public BalanceStrategy? Strategy { get; init; }

    /// <summary>Balancer target (target-count and oversample).</summary>
    [Description("Train positives each balanced label should reach (target-count, oversample); empty = the balance section's default.")]
    [ConfigRange(1, int.MaxValue)]
    public int? Target { get; init; }

    /// <summary>Balancer ratio (ratio).</summary>
    [Description("Synthetic positives per real train positive (ratio); empty = the balance section's default.")]
    [ConfigRange(0, 1000)]
    public double? Ratio { get; init; }

    /// <summary>Loss override.</summary>
    [Description("Classifier loss for this arm (bce, weighted-bce, focal); empty = the classifier section's.")]
    public ClassifierLoss? Loss { get; init; }

    /// <summary>Sampling override.</summary>
    [Description("Batch sampling for this arm (uniform, label-balanced); empty = the classifier section's.")]
    public ClassifierSampling? Sampling { get; init; }

    /// <summary>True when the arm changes the training images (synthetic or duplicated).</summary>
    public bool Balances => Generator is not null || Strategy is not null;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RunNames.IsValid(Name)) yield return ("name", $"'{Name}': expected a non-empty name of letters, digits, '-', '_' or '.'");
        if (Strategy == BalanceStrategy.Oversample && Generator is not null)
            yield return ("strategy", "oversample duplicates real images: it takes no generator");
        if (Strategy is { } s && s != BalanceStrategy.Oversample && Generator is null)
            yield return ("generator", $"strategy {ConfigNames.EnumText(typeof(BalanceStrategy), s.ToString())} adds synthetic images: name a generator");
    }
}
