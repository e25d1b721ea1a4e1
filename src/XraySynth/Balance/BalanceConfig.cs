using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Balance;

/// <summary>
/// The <c>balance:</c> section of a config file: which labels <c>xraysynth balance</c> tops up in the train split,
/// to what, and how much of train may be added images. Command-line flags override it.
/// </summary>
public sealed record BalanceConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "balance";

    /// <summary>How many images to add per label.</summary>
    [Description("How many images to add per label: target-count, match-median, match-max, ratio (synthetic images) or oversample (duplicated real images, the baseline).")]
    public BalanceStrategy Strategy { get; init; } = BalanceStrategy.TargetCount;

    /// <summary>Labels to top up; empty = every label whose real train count is below its target (every label for ratio).</summary>
    [Description("Labels to top up; empty = every label whose real train positives are below the target (every label for ratio).")]
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Train positives each chosen label should reach (target-count and oversample).</summary>
    [Description("Train positives every chosen label should reach (target-count and oversample).")]
    [ConfigRange(1, int.MaxValue)]
    public int Target { get; init; } = 1000;

    /// <summary>Synthetic positives to add per real train positive (ratio).</summary>
    [Description("Synthetic positives to add per real train positive of a label (ratio); rounded half away from zero.")]
    [ConfigRange(0, 1000)]
    public double Ratio { get; init; } = 1;

    /// <summary>Largest share of added images in the whole train split after balancing.</summary>
    [Description("Largest share of added (synthetic or duplicated) images in the whole train split after balancing (1 = no cap).")]
    [ConfigRange(0, 1)]
    public double MaxSyntheticFraction { get; init; } = 0.5;

    /// <summary>Largest share of added images among one label's train positives after balancing.</summary>
    [Description("Largest share of added images among any one label's train positives after balancing (1 = no cap; a label with no real positive then gets none).")]
    [ConfigRange(0, 1)]
    public double MaxSyntheticFractionPerLabel { get; init; } = 0.8;

    /// <summary>Seed of the candidate shuffle; the same seed and inputs give the same selection.</summary>
    [Description("Seed of the shuffle of candidate images; the same seed and inputs give the same selection.")]
    [ConfigRange(0, long.MaxValue)]
    public long Seed { get; init; }

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Target < 1) yield return ("target", $"{Target}: expected 1 or more positives");
        if (!(Ratio >= 0) || !double.IsFinite(Ratio)) yield return ("ratio", $"{Ratio}: expected a number >= 0");
        foreach (var (key, value) in new[] { ("max_synthetic_fraction", MaxSyntheticFraction), ("max_synthetic_fraction_per_label", MaxSyntheticFractionPerLabel) })
            if (!(value >= 0 && value <= 1)) yield return (key, FormattableString.Invariant($"{value}: expected a fraction between 0 and 1"));
        if (Seed < 0) yield return ("seed", $"{Seed}: expected 0 or more");
        foreach (string label in Labels)
            if (string.IsNullOrWhiteSpace(label)) yield return ("labels", "an empty label name");
    }

    /// <summary>Throws a <see cref="Common.UserError"/> listing every problem, if any.</summary>
    public BalanceConfig EnsureValid()
    {
        var problems = Validate().Select(p => $"{p.Key}: {p.Message}").ToList();
        if (problems.Count > 0) throw new Common.UserError("balance: " + string.Join("; ", problems));
        return this;
    }
}
