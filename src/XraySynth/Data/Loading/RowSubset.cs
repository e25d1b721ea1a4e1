namespace XraySynth.Data.Loading;

/// <summary>Cache rows (= manifest rows) to train on: a split, a label, or all of them.</summary>
public static class RowSubset
{
    /// <summary>Every row.</summary>
    public static int[] All(Dataset dataset) => Enumerable.Range(0, dataset.Images.Count).ToArray();

    /// <summary>Rows of one split.</summary>
    public static int[] OfSplit(Dataset dataset, Split split) => Where(dataset, image => image.Split == split);

    /// <summary>Rows whose image carries <paramref name="label"/>, optionally only in <paramref name="split"/>.</summary>
    /// <exception cref="Common.UserError">The label is not in the dataset's vocabulary.</exception>
    public static int[] WithLabel(Dataset dataset, string label, Split? split = null)
    {
        if (!dataset.Vocabulary.Contains(label))
            throw new Common.UserError($"unknown label '{label}'{Common.NameSuggester.Hint(label, dataset.Vocabulary.Names)} (vocabulary: {dataset.Vocabulary})");
        return Where(dataset, image => image.Has(label) && (split is null || image.Split == split));
    }

    /// <summary>Rows whose image satisfies <paramref name="predicate"/>.</summary>
    public static int[] Where(Dataset dataset, Func<ImageRecord, bool> predicate)
    {
        var rows = new List<int>();
        for (int i = 0; i < dataset.Images.Count; i++)
            if (predicate(dataset.Images[i])) rows.Add(i);
        return rows.ToArray();
    }
}
