namespace XraySynth.Data.Stats;

/// <summary>Counts for one split (or for the whole dataset): images, patients, real vs synthetic, positives per label.</summary>
/// <param name="Name">"train", "val", "test" or "all".</param>
/// <param name="Images">Number of images.</param>
/// <param name="Patients">Number of distinct patients.</param>
/// <param name="Real">Real images.</param>
/// <param name="Synthetic">Synthetic images.</param>
/// <param name="Positives">Images carrying each label, in vocabulary order.</param>
public sealed record SplitStats(string Name, int Images, int Patients, int Real, int Synthetic, IReadOnlyList<int> Positives)
{
    /// <summary>Name of the whole-dataset row.</summary>
    public const string All = "all";

    /// <summary>Fraction of images carrying label <paramref name="label"/> (NaN for an empty split).</summary>
    public double Prevalence(int label) => Images == 0 ? double.NaN : (double)Positives[label] / Images;

    /// <summary>Images with no label (No Finding).</summary>
    public int NoFinding { get; init; }

    /// <summary>Commonest label count / rarest non-zero label count; NaN when no label has positives.</summary>
    public double ImbalanceRatio
    {
        get
        {
            var nonZero = Positives.Where(p => p > 0).ToList();
            return nonZero.Count == 0 ? double.NaN : (double)nonZero.Max() / nonZero.Min();
        }
    }

    /// <summary>Counts over <paramref name="images"/> named <paramref name="name"/>.</summary>
    public static SplitStats Of(string name, IReadOnlyCollection<ImageRecord> images, LabelVocabulary vocabulary)
    {
        var positives = new int[vocabulary.Count];
        int noFinding = 0;
        foreach (var image in images)
        {
            if (image.Labels.Count == 0) noFinding++;
            foreach (string label in image.Labels) positives[vocabulary.IndexOf(label)]++;
        }
        int synthetic = images.Count(i => i.Source == ImageSource.Synthetic);
        int patients = images.Select(i => i.PatientId).Distinct(StringComparer.Ordinal).Count();
        return new SplitStats(name, images.Count, patients, images.Count - synthetic, synthetic, positives) { NoFinding = noFinding };
    }
}
