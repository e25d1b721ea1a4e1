using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Balance;

/// <summary>
/// Per-label targets and caps of a <see cref="BalanceConfig"/>, from the real train positive counts.
/// Rounding: caps round down (never exceed the fraction); the median target rounds up; ratio rounds half away from zero.
/// </summary>
public static class BalanceTargets
{
    /// <summary>Positives per label (vocabulary order) among the real train images.</summary>
    public static int[] RealTrainCounts(Dataset dataset)
    {
        var counts = new int[dataset.Vocabulary.Count];
        foreach (var image in dataset.InSplit(Split.Train))
            if (image.Source == ImageSource.Real)
                foreach (string label in image.Labels) counts[dataset.Vocabulary.IndexOf(label)]++;
        return counts;
    }

    /// <summary>
    /// The target of one label with <paramref name="real"/> real train positives: <see cref="BalanceConfig.Target"/>
    /// (target-count, oversample); the median of <paramref name="allCounts"/>, rounded up (match-median); their maximum
    /// (match-max); or real + round(ratio × real) (ratio).
    /// </summary>
    public static int Target(BalanceConfig config, int real, IReadOnlyList<int> allCounts) => config.Strategy switch
    {
        BalanceStrategy.TargetCount or BalanceStrategy.Oversample => config.Target,
        BalanceStrategy.MatchMedian => Median(allCounts),
        BalanceStrategy.MatchMax => allCounts.Count == 0 ? 0 : allCounts.Max(),
        BalanceStrategy.Ratio => checked(real + (int)Math.Round(config.Ratio * real, MidpointRounding.AwayFromZero)),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Strategy, "unknown strategy"),
    };

    /// <summary>Median of <paramref name="counts"/>; for an even number, the mean of the middle two rounded up.</summary>
    public static int Median(IReadOnlyList<int> counts)
    {
        if (counts.Count == 0) return 0;
        var sorted = counts.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (int)Math.Ceiling((sorted[middle - 1] + (long)sorted[middle]) / 2.0);
    }

    /// <summary>
    /// Most images that may be added to <paramref name="existing"/> real ones so that the added share of the total stays
    /// at or below <paramref name="fraction"/>: floor(fraction × existing / (1 − fraction)); <see cref="int.MaxValue"/> for 1.
    /// </summary>
    public static int Cap(double fraction, int existing)
    {
        if (fraction >= 1) return int.MaxValue;
        if (fraction <= 0) return 0;
        // The epsilon keeps exact ratios such as 0.8 × 10 / 0.2 = 40 from rounding down to 39 in floating point.
        double cap = Math.Floor(fraction * existing / (1 - fraction) + 1e-9);
        return cap >= int.MaxValue ? int.MaxValue : (int)cap;
    }

    /// <summary>
    /// The labels a strategy tops up: those in <see cref="BalanceConfig.Labels"/> when given, else every label for ratio,
    /// else every label whose real count is below its target.
    /// </summary>
    /// <exception cref="UserError">A named label is not in the vocabulary (the nearest name is suggested).</exception>
    public static bool[] Chosen(BalanceConfig config, LabelVocabulary vocabulary, IReadOnlyList<int> real, IReadOnlyList<int> targets)
    {
        var chosen = new bool[vocabulary.Count];
        if (config.Labels.Count > 0)
        {
            foreach (string label in config.Labels)
            {
                int i = vocabulary.IndexOf(label.Trim());
                if (i < 0)
                    throw new UserError($"--labels: '{label}' is not a label of the dataset{NameSuggester.Hint(label, vocabulary.Names)} (labels: {vocabulary})");
                chosen[i] = true;
            }
            return chosen;
        }
        for (int l = 0; l < chosen.Length; l++)
            chosen[l] = config.Strategy == BalanceStrategy.Ratio || real[l] < targets[l];
        return chosen;
    }
}
