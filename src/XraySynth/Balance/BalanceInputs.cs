using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Balance;

/// <summary>Checks that a real dataset and synthetic sources can be merged, listing every problem found.</summary>
public static class BalanceInputs
{
    /// <summary>
    /// The real dataset has real train images and no synthetic ones; every source has the real dataset's labels, holds
    /// only synthetic rows, and no image id appears twice across all of them.
    /// </summary>
    /// <exception cref="UserError">Sources are missing for a synthetic strategy, or the real dataset cannot be balanced.</exception>
    /// <exception cref="DataError">A source does not fit (label vocabulary, real rows, duplicate ids); all problems are listed.</exception>
    public static void Check(Dataset real, IReadOnlyList<Dataset> synthetic, BalanceStrategy strategy)
    {
        if (strategy != BalanceStrategy.Oversample && synthetic.Count == 0)
            throw new UserError($"--synthetic: strategy {BalanceStrategyNames.Format(strategy)} needs at least one synthetic dataset folder (from 'xraysynth gan sample')");
        if (strategy == BalanceStrategy.Oversample && synthetic.Count > 0)
            throw new UserError("--synthetic: strategy oversample duplicates real images and takes no synthetic datasets (leave --synthetic out)");
        string manifest = Path.Combine(real.Root, ManifestFile.FileName);
        int syntheticInReal = real.Images.Count(i => i.Source == ImageSource.Synthetic);
        if (syntheticInReal > 0)
            throw new DataError(manifest, 0, $"the real dataset already holds {syntheticInReal} synthetic images: balance the real dataset, not a merged one");
        if (!real.InSplit(Split.Train).Any())
            throw new DataError(manifest, 0, "the real dataset has no train images to balance");

        var issues = new List<DataIssue>();
        var owner = real.Images.ToDictionary(i => i.Id, _ => real.Root, StringComparer.Ordinal);
        var roots = new HashSet<string>(StringComparer.Ordinal) { real.Root };
        foreach (var source in synthetic)
        {
            string sourceManifest = Path.Combine(source.Root, ManifestFile.FileName);
            if (!roots.Add(source.Root))
            {
                issues.Add(new DataIssue(source.Root, 0, "given twice (or it is the real dataset): name every synthetic folder once"));
                continue;
            }
            if (VocabularyProblem(real.Vocabulary, source.Vocabulary) is { } problem)
            {
                issues.Add(new DataIssue(Path.Combine(source.Root, Dataset.InfoFileName), 0, problem));
                continue;
            }
            for (int row = 0; row < source.Images.Count; row++)
            {
                var image = source.Images[row];
                if (image.Source != ImageSource.Synthetic)
                    issues.Add(new DataIssue(sourceManifest, row + 2, $"image '{image.Id}' is real: a synthetic source holds only generated images (from 'xraysynth gan sample')"));
                else if (!owner.TryAdd(image.Id, source.Root))
                    issues.Add(new DataIssue(sourceManifest, row + 2, $"image id '{image.Id}' is also in {owner[image.Id]}: ids must be unique across the merged dataset"));
            }
        }
        if (issues.Count > 0) throw new DataError(issues);
    }

    /// <summary>What differs between the label sets, or null when they are the same.</summary>
    static string? VocabularyProblem(LabelVocabulary real, LabelVocabulary synthetic)
    {
        var missing = real.Names.Where(n => !synthetic.Contains(n)).ToList();
        var extra = synthetic.Names.Where(n => !real.Contains(n)).ToList();
        if (missing.Count == 0 && extra.Count == 0) return null;
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"lacks {string.Join(", ", missing)}");
        if (extra.Count > 0) parts.Add($"has {string.Join(", ", extra)} which the real dataset lacks");
        return $"label vocabulary differs from the real dataset's: it {string.Join(" and ", parts)} " +
               $"(expected the real dataset's labels: {real}; sample from a GAN trained on that dataset)";
    }
}
