namespace XraySynth.Evaluate;

/// <summary>Turns a label column with unknowns (1 = positive, 0 = negative, NaN = unknown) into the known cases.</summary>
public static class KnownLabels
{
    /// <summary>Scores and boolean labels of the cases whose label is 0 or 1; NaN labels are left out.</summary>
    public static (double[] Scores, bool[] Labels) Select(double[] scores, double[] labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Length != labels.Length)
            throw new ArgumentException($"scores ({scores.Length}) and labels ({labels.Length}) differ in length");
        var keptScores = new List<double>(scores.Length);
        var keptLabels = new List<bool>(scores.Length);
        for (int i = 0; i < labels.Length; i++)
        {
            if (double.IsNaN(labels[i])) continue;
            keptScores.Add(scores[i]);
            keptLabels.Add(IsPositive(labels[i], i));
        }
        return ([.. keptScores], [.. keptLabels]);
    }

    /// <summary>True for 1, false for 0; anything else but NaN is an error.</summary>
    internal static bool IsPositive(double label, int index) => label switch
    {
        1.0 => true,
        0.0 => false,
        _ => throw new ArgumentException($"label {index} is {label.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; expected 0, 1 or NaN"),
    };
}
