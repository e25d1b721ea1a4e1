namespace XraySynth.Evaluate;

/// <summary>
/// The caveat the per-label tables put on labels with few positives in the evaluated split: with a handful of positive
/// images a bootstrap interval is itself unstable (and undercovers, see README) and a DeLong p-value rests on a few
/// cases, so the tables mark those labels and say so under the table.
/// </summary>
public static class FewPositives
{
    /// <summary>Labels with fewer positive images than this (and at least one) are marked.</summary>
    public const int Threshold = 10;

    /// <summary>The mark after a label's name.</summary>
    public const string Mark = "†";

    /// <summary>Whether a label with <paramref name="positives"/> positive images gets the caveat.</summary>
    public static bool Applies(int positives) => positives is > 0 and < Threshold;

    /// <summary><paramref name="label"/>, marked when it has few positives.</summary>
    public static string Name(string label, int positives) => Applies(positives) ? $"{label} {Mark}" : label;

    /// <summary>The note under a table, or "" when no label has few positives.</summary>
    public static string Note(IEnumerable<int> positives) => positives.Any(Applies)
        ? $"{Mark} fewer than {Threshold} positive images in the evaluated split: the interval and the p-value rest on a handful of cases; read them as rough."
        : "";
}
