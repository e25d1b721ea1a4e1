using XraySynth.Common;

namespace XraySynth.Data.Import;

/// <summary>The output side shared by importers: a fresh folder, image paths relative to it, the final save.</summary>
public static class ImportOutput
{
    /// <summary>The absolute output folder; it may exist only if empty, so an import never overwrites a dataset.</summary>
    /// <exception cref="UserError">The folder exists and holds files, or is a file.</exception>
    public static string Prepare(string output)
    {
        string root = Path.GetFullPath(output);
        if (File.Exists(root)) throw new UserError($"--out {output}: is a file; expected a new folder");
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new UserError($"--out {output}: folder exists and is not empty; choose a new folder (an import never overwrites)");
        return root;
    }

    /// <summary>
    /// <paramref name="file"/> as the manifest stores it: relative to <paramref name="root"/> with '/' separators
    /// (e.g. ../nih/images/00000013_005.png), or absolute when it lies on another drive.
    /// </summary>
    public static string ManifestPath(string root, string file)
    {
        string relative = Path.GetRelativePath(root, Path.GetFullPath(file));
        return Path.IsPathRooted(relative) ? relative : relative.Replace('\\', '/');
    }

    /// <summary>Saves the dataset (and import-report.csv under --skip-bad) and reports what was written.</summary>
    public static ImportSummary Save(
        string root, DatasetInfo info, IReadOnlyList<ImageRecord> images, IReadOnlyList<BoxRecord> boxes,
        ImportOptions options, ImportIssues issues, int missing, IReporter reporter)
    {
        if (images.Count == 0)
            throw new UserError($"{options.Source}: no images to import ({missing} listed images missing on disk, {issues.Count} bad item(s) skipped)");
        var dataset = new Dataset(root, info, images, boxes);
        dataset.Save();
        string? report = null;
        if (options.SkipBad)
        {
            report = Path.Combine(root, ImportIssues.ReportFileName);
            issues.WriteReport(report);
            if (issues.Count > 0) reporter.Warn($"skipped {issues.Count} bad item(s); see {report}");
        }
        var perSplit = images.GroupBy(i => i.Split).ToDictionary(g => g.Key, g => g.Count());
        int patients = images.Select(i => i.PatientId).Distinct(StringComparer.Ordinal).Count();
        var summary = new ImportSummary(root, images.Count, boxes.Count, patients, perSplit, missing, issues.Count, report);
        reporter.Info(summary.Describe());
        return summary;
    }

    /// <summary>Now, as dataset.json records it.</summary>
    public static string UtcNow() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
