namespace XraySynth.Data.Checks;

/// <summary>Every manifest label is in the dataset's vocabulary (also enforced when a manifest is read).</summary>
public sealed class ManifestLabelsCheck : IDatasetCheck
{
    /// <inheritdoc />
    public string Name => "manifest-labels";

    /// <inheritdoc />
    public IEnumerable<CheckProblem> Run(CheckContext context)
    {
        var vocabulary = context.Dataset.Vocabulary;
        var images = context.Dataset.Images;
        for (int row = 0; row < images.Count; row++)
            foreach (string label in images[row].Labels.Where(l => !vocabulary.Contains(l)))
                yield return new CheckProblem(CheckSeverity.Error, Name, context.ManifestPath, CheckContext.Line(row),
                    $"image '{images[row].Id}': unknown label '{label}'{Common.NameSuggester.Hint(label, vocabulary.Names)}");
    }
}
