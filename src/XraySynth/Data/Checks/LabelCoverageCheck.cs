namespace XraySynth.Data.Checks;

/// <summary>Warns when a label has positives in the dataset but none in a non-empty split (its metrics would be undefined there).</summary>
public sealed class LabelCoverageCheck : IDatasetCheck
{
    /// <inheritdoc />
    public string Name => "label-coverage";

    /// <inheritdoc />
    public IEnumerable<CheckProblem> Run(CheckContext context)
    {
        var dataset = context.Dataset;
        foreach (Split split in Enum.GetValues<Split>())
        {
            var images = dataset.InSplit(split).Where(i => i.Source == ImageSource.Real).ToList();
            if (images.Count == 0) continue;
            foreach (string label in dataset.Vocabulary.Names)
                if (!images.Any(i => i.Has(label)) && dataset.Images.Any(i => i.Has(label)))
                    yield return new CheckProblem(CheckSeverity.Warning, Name, context.ManifestPath, 0,
                        $"label '{label}' has no real positives in {ManifestEnums.Format(split)} ({images.Count:N0} images)");
        }
    }
}
