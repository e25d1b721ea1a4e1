using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Data.Splitting;

/// <summary>The <c>split:</c> section of a config file: how <c>xraysynth data split</c> divides a dataset by patient.</summary>
public sealed record SplitConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "split";

    /// <summary>Fraction of the images for train.</summary>
    [Description("Fraction of the images for train.")]
    [ConfigRange(0, 1)]
    public double Train { get; init; } = 0.7;

    /// <summary>Fraction of the images for val.</summary>
    [Description("Fraction of the images for val (0 = no validation split).")]
    [ConfigRange(0, 1)]
    public double Val { get; init; } = 0.1;

    /// <summary>Fraction of the images for test.</summary>
    [Description("Fraction of the images for test; ignored with keep_test (the current test rows stay).")]
    [ConfigRange(0, 1)]
    public double Test { get; init; } = 0.2;

    /// <summary>Seed of the split's randomness.</summary>
    [Description("Seed of the tie-breaking and patient-order randomness; the same seed gives the same split.")]
    [ConfigRange(0, long.MaxValue)]
    public long Seed { get; init; }

    /// <summary>Keep the current test rows and re-split the rest into train/val.</summary>
    [Description("Keep the current test rows (an official split, e.g. NIH's test_list.txt) and re-split only the rest into train/val.")]
    public bool KeepTest { get; init; }

    /// <summary>The fractions indexed by <see cref="Split"/>.</summary>
    public double[] Fractions => [Train, Val, Test];

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        foreach (var (key, value) in new[] { ("train", Train), ("val", Val), ("test", Test) })
            if (!(value >= 0 && value <= 1)) yield return (key, $"{value}: expected a fraction between 0 and 1");
        if (!(Train > 0)) yield return ("train", "the train fraction must be above 0");
        if (KeepTest)
        {
            if (!(Train + Val > 0)) yield return ("val", "train + val must be above 0");
        }
        else if (Math.Abs(Train + Val + Test - 1) > 1e-6)
            yield return ("test", FormattableString.Invariant($"fractions {Train}, {Val}, {Test} add up to {Train + Val + Test}: expected 1"));
    }

    /// <summary>Throws a <see cref="Common.UserError"/> listing every problem, if any.</summary>
    public SplitConfig EnsureValid()
    {
        var problems = Validate().Select(p => $"{p.Key}: {p.Message}").ToList();
        if (problems.Count > 0) throw new Common.UserError("split: " + string.Join("; ", problems));
        return this;
    }
}
