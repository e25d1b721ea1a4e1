namespace XraySynth.Data.Checks;

/// <summary>
/// Every box is on an image of the manifest, carries a vocabulary label that is one of that image's labels
/// (NIH's boxes always are), and lies inside the image (within <see cref="CheckOptions.BoxTolerance"/> pixels).
/// </summary>
public sealed class BoxesCheck : IDatasetCheck
{
    /// <inheritdoc />
    public string Name => "boxes";

    /// <inheritdoc />
    public IEnumerable<CheckProblem> Run(CheckContext context)
    {
        var dataset = context.Dataset;
        var byId = new Dictionary<string, ImageRecord>(StringComparer.Ordinal);
        foreach (var image in dataset.Images) byId.TryAdd(image.Id, image);
        double tolerance = context.Options.BoxTolerance;
        for (int row = 0; row < dataset.Boxes.Count; row++)
        {
            var box = dataset.Boxes[row];
            CheckProblem Problem(string message) => new(CheckSeverity.Error, Name, context.BoxesPath, CheckContext.Line(row), message);
            if (!dataset.Vocabulary.Contains(box.Label))
                yield return Problem($"unknown label '{box.Label}'{Common.NameSuggester.Hint(box.Label, dataset.Vocabulary.Names)}");
            if (!byId.TryGetValue(box.ImageId, out var target))
            {
                yield return Problem($"box on image '{box.ImageId}': no such id in {ManifestFile.FileName}");
                continue;
            }
            if (dataset.Vocabulary.Contains(box.Label) && !target.Has(box.Label))
                yield return Problem($"box label '{box.Label}' is not among image '{box.ImageId}''s labels ({dataset.Vocabulary.Format(target.Labels)})");
            bool inside = box.X >= -tolerance && box.Y >= -tolerance && box.W > 0 && box.H > 0
                          && box.X + box.W <= target.Width + tolerance && box.Y + box.H <= target.Height + tolerance;
            if (!inside)
                yield return Problem(FormattableString.Invariant(
                    $"box x={box.X}, y={box.Y}, w={box.W}, h={box.H} lies outside image '{box.ImageId}' ({target.Width}x{target.Height}): expected 0 <= x, 0 <= y, x + w <= width, y + h <= height"));
        }
    }
}
