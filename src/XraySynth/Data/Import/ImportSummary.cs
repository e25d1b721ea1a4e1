namespace XraySynth.Data.Import;

/// <summary>What an import wrote and what it left out.</summary>
/// <param name="Output">The dataset folder (absolute).</param>
/// <param name="Images">Images in the manifest.</param>
/// <param name="Boxes">Boxes in boxes.csv.</param>
/// <param name="Patients">Distinct patients.</param>
/// <param name="PerSplit">Images per split.</param>
/// <param name="Missing">Images listed by the label file but not on disk (skipped).</param>
/// <param name="Skipped">Bad rows, boxes and images skipped under --skip-bad (listed in the report).</param>
/// <param name="ReportPath">import-report.csv, when --skip-bad was given.</param>
public sealed record ImportSummary(
    string Output, int Images, int Boxes, int Patients, IReadOnlyDictionary<Split, int> PerSplit, int Missing, int Skipped, string? ReportPath)
{
    /// <summary>One line: counts per split, boxes, patients, missing and skipped.</summary>
    public string Describe()
    {
        string splits = string.Join(", ", Enum.GetValues<Split>().Select(s => $"{ManifestEnums.Format(s)} {PerSplit.GetValueOrDefault(s)}"));
        string text = $"imported {Images} images ({splits}), {Boxes} boxes, {Patients} patients into {Output}";
        if (Missing > 0) text += $"; {Missing} listed images not on disk";
        if (ReportPath is not null) text += $"; {Skipped} bad item(s) skipped, see {ReportPath}";
        return text;
    }
}
