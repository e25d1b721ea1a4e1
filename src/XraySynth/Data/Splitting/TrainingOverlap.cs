using XraySynth.Common;

namespace XraySynth.Data.Splitting;

/// <summary>
/// Guards evaluations against leakage: the images of the evaluated split must not be, nor belong to patients who are, among
/// the run's training or validation images (<see cref="TrainingImages"/>). Overlap is a <see cref="UserError"/> unless allowed,
/// and then a loud warning whose text goes into the metrics outputs.
/// </summary>
public static class TrainingOverlap
{
    /// <summary>The flag that evaluates despite an overlap.</summary>
    public const string AllowFlag = "--allow-training-overlap";

    const int Examples = 5;

    /// <summary>
    /// Checks the <paramref name="split"/> images of <paramref name="evaluated"/> against what run <paramref name="runName"/>
    /// (folder <paramref name="runFolder"/>, trained on <paramref name="runDataset"/> whose split fingerprint was
    /// <paramref name="recordedFingerprint"/>) trained and validated on.
    /// </summary>
    /// <returns>Empty when clean or not checkable (a one-line note is reported); otherwise, when <paramref name="allow"/>, the warning to record in the outputs.</returns>
    /// <exception cref="UserError">An overlap, not allowed.</exception>
    public static string Check(string runFolder, string runName, string runDataset, string? recordedFingerprint, Dataset evaluated, Split split, bool allow, IReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(evaluated);
        ArgumentNullException.ThrowIfNull(reporter);
        // On the validation split itself (checkpoint selection, early stopping) only the training images count.
        bool onValidation = split == Split.Val;
        var trained = TrainingImages.Read(runFolder, includeValidation: !onValidation);
        string which = ManifestEnums.Format(split);
        if (trained is null)
        {
            reporter.Warn($"{runName} predates recorded training images ({TrainingImages.FileName}): the overlap of the {which} images with its training data could not be checked");
            return "";
        }
        var images = evaluated.InSplit(split).ToList();
        var seenImages = images.Where(i => trained.ImageIds.Contains(i.Id)).Select(i => i.Id).ToList();
        var patients = images.Select(i => i.PatientId).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var seenPatients = patients.Where(trained.PatientIds.Contains).ToList();
        if (seenImages.Count == 0 && seenPatients.Count == 0) return "";

        bool sameDataset = string.Equals(Full(runDataset), Full(evaluated.Root), StringComparison.Ordinal);
        string why = !sameDataset
            ? $"{evaluated.Root} shares them with the run's dataset {runDataset}"
            : recordedFingerprint is null ? "the run did not record its dataset's split fingerprint"
            : TrainingImages.Fingerprint(evaluated) is var now && recordedFingerprint != now ? $"the dataset was re-split after training (split fingerprint {recordedFingerprint} at training, {now} now)"
            : "the dataset's split puts these patients in more than one split";
        string message = $"{runName} was {(onValidation ? "trained" : "trained or validated")} on {seenImages.Count} of the {images.Count} {which} images{Some(seenImages)} " +
                         $"and on {seenPatients.Count} of their {patients.Count} patients{Some(seenPatients)}: {why}";
        if (!allow)
            throw new UserError($"{message}. Metrics on these images would be optimistic: evaluate on images the run never saw, or train a new run on this split " +
                                $"({AllowFlag} evaluates anyway, with a warning recorded in the outputs)");
        string warning = $"WARNING ({AllowFlag}): {message}; these metrics are optimistic.";
        reporter.Warn(warning);
        return warning;
    }

    /// <summary><paramref name="markdown"/> with the <see cref="Check"/> <paramref name="warning"/> (if any) as a bold quote under its title.</summary>
    public static string Annotate(string markdown, string warning)
    {
        if (warning.Length == 0) return markdown;
        int end = markdown.IndexOf('\n', StringComparison.Ordinal);
        string quoted = string.Join("\n", warning.Split('\n').Select(l => l.Length == 0 ? ">" : "> **" + l + "**"));
        return end < 0 ? quoted + "\n\n" + markdown : markdown[..(end + 1)] + "\n" + quoted + "\n" + markdown[(end + 1)..];
    }

    static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    static string Some(List<string> ids) =>
        ids.Count == 0 ? "" : $" (e.g. {string.Join(", ", ids.Take(Examples))}{(ids.Count > Examples ? ", …" : "")})";
}
