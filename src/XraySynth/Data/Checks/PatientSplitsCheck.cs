namespace XraySynth.Data.Checks;

/// <summary>No patient has images in two splits (a leak from training into evaluation).</summary>
public sealed class PatientSplitsCheck : IDatasetCheck
{
    /// <inheritdoc />
    public string Name => "patient-splits";

    /// <inheritdoc />
    public IEnumerable<CheckProblem> Run(CheckContext context)
    {
        var images = context.Dataset.Images;
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (int row = 0; row < images.Count; row++)
        {
            var image = images[row];
            if (!first.TryGetValue(image.PatientId, out int firstRow)) { first[image.PatientId] = row; continue; }
            var other = images[firstRow];
            if (other.Split == image.Split || !reported.Add(image.PatientId)) continue;
            yield return new CheckProblem(CheckSeverity.Error, Name, context.ManifestPath, CheckContext.Line(row),
                $"patient '{image.PatientId}' is in {ManifestEnums.Format(image.Split)} here and in {ManifestEnums.Format(other.Split)} " +
                $"on line {CheckContext.Line(firstRow)}: all images of a patient must be in one split (re-split with 'xraysynth data split')");
        }
    }
}
