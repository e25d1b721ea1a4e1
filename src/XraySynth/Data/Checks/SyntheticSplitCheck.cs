namespace XraySynth.Data.Checks;

/// <summary>Synthetic images are only in train: models are never selected or evaluated on generated images.</summary>
public sealed class SyntheticSplitCheck : IDatasetCheck
{
    /// <inheritdoc />
    public string Name => "synthetic-in-train";

    /// <inheritdoc />
    public IEnumerable<CheckProblem> Run(CheckContext context)
    {
        var images = context.Dataset.Images;
        for (int row = 0; row < images.Count; row++)
            if (images[row].Source == ImageSource.Synthetic && images[row].Split != Split.Train)
                yield return new CheckProblem(CheckSeverity.Error, Name, context.ManifestPath, CheckContext.Line(row),
                    $"synthetic image '{images[row].Id}' is in {ManifestEnums.Format(images[row].Split)}: synthetic images may only be in train");
    }
}
