namespace XraySynth.Evaluate;

/// <summary>Argument checks shared by the metrics: equal lengths and no NaN score (a NaN score is an upstream bug).</summary>
static class ScoreInputs
{
    /// <summary>Throws unless <paramref name="scores"/> and <paramref name="labels"/> have equal lengths and no score is NaN.</summary>
    public static void Check(double[] scores, bool[] labels, string scoresName = "scores")
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Length != labels.Length)
            throw new ArgumentException($"{scoresName} ({scores.Length}) and labels ({labels.Length}) differ in length");
        for (int i = 0; i < scores.Length; i++)
            if (double.IsNaN(scores[i]))
                throw new ArgumentException($"{scoresName}[{i}] is NaN; exclude unknown cases before computing metrics");
    }

    /// <summary>Number of true labels.</summary>
    public static int Positives(bool[] labels)
    {
        int count = 0;
        foreach (bool label in labels) if (label) count++;
        return count;
    }
}
