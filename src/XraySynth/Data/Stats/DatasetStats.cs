namespace XraySynth.Data.Stats;

/// <summary>
/// Per-split and overall label statistics of a dataset: counts, prevalence, imbalance ratio, patients,
/// real vs synthetic, and the label co-occurrence matrix.
/// </summary>
public sealed class DatasetStats
{
    /// <summary>Dataset name (from dataset.json).</summary>
    public string DatasetName { get; }

    /// <summary>Label names in vocabulary order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>train, val, test in that order (empty splits included).</summary>
    public IReadOnlyList<SplitStats> Splits { get; }

    /// <summary>The whole dataset.</summary>
    public SplitStats Overall { get; }

    /// <summary>[label, label]: images carrying both labels over the whole dataset; the diagonal holds label counts.</summary>
    public int[,] Cooccurrence { get; }

    DatasetStats(string name, IReadOnlyList<string> labels, IReadOnlyList<SplitStats> splits, SplitStats overall, int[,] cooccurrence)
    {
        DatasetName = name; Labels = labels; Splits = splits; Overall = overall; Cooccurrence = cooccurrence;
    }

    /// <summary>Splits followed by the overall row.</summary>
    public IEnumerable<SplitStats> SplitsAndOverall => Splits.Append(Overall);

    /// <summary>Computes every statistic in one pass per split.</summary>
    public static DatasetStats Compute(Dataset dataset)
    {
        var vocabulary = dataset.Vocabulary;
        var splits = Enum.GetValues<Split>()
            .Select(s => SplitStats.Of(ManifestEnums.Format(s), dataset.InSplit(s).ToList(), vocabulary))
            .ToList();
        var overall = SplitStats.Of(SplitStats.All, dataset.Images.ToList(), vocabulary);
        int n = vocabulary.Count;
        var cooccurrence = new int[n, n];
        foreach (var image in dataset.Images)
        {
            int[] columns = image.Labels.Select(vocabulary.IndexOf).ToArray();
            foreach (int a in columns)
                foreach (int b in columns)
                    cooccurrence[a, b]++;
        }
        return new DatasetStats(dataset.Info.Name, vocabulary.Names, splits, overall, cooccurrence);
    }
}
