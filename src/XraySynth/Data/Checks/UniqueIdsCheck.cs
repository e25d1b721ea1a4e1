namespace XraySynth.Data.Checks;

/// <summary>Every image id appears once in the manifest (also enforced when a manifest is read).</summary>
public sealed class UniqueIdsCheck : IDatasetCheck
{
    /// <inheritdoc />
    public string Name => "unique-ids";

    /// <inheritdoc />
    public IEnumerable<CheckProblem> Run(CheckContext context)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var images = context.Dataset.Images;
        for (int row = 0; row < images.Count; row++)
        {
            if (first.TryAdd(images[row].Id, row)) continue;
            yield return new CheckProblem(CheckSeverity.Error, Name, context.ManifestPath, CheckContext.Line(row),
                $"duplicate id '{images[row].Id}' (first on line {CheckContext.Line(first[images[row].Id])})");
        }
    }
}
