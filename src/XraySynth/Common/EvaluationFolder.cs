namespace XraySynth.Common;

/// <summary>
/// Where an evaluation writes, so that no evaluation silently replaces another's results: <c>RUN/eval-SPLIT/</c> on the run's
/// own dataset, <c>RUN/eval-NAME-SPLIT/</c> on another dataset NAME. Each folder records what it holds in
/// <see cref="RecordFile"/>; a non-empty folder that holds something else is refused.
/// </summary>
public static class EvaluationFolder
{
    /// <summary>The file naming the dataset, split (and runs) whose results a folder holds.</summary>
    public const string RecordFile = "evaluated.txt";

    /// <summary>The folder of run <paramref name="runPath"/> (trained on <paramref name="runDataset"/>) for an evaluation on <paramref name="split"/> of dataset <paramref name="datasetRoot"/> named <paramref name="datasetName"/>.</summary>
    public static string ForRun(string runPath, string runDataset, string datasetRoot, string datasetName, string split) =>
        Path.Combine(runPath, Same(runDataset, datasetRoot) ? $"eval-{split}" : $"eval-{Safe(datasetName)}-{split}");

    /// <summary>
    /// What a folder holding results on <paramref name="split"/> of <paramref name="dataset"/> (see <see cref="DatasetForRun"/>,
    /// or a dataset's name) by <paramref name="runs"/> records. Runs are recorded by folder name, not path, so a project or
    /// run moved elsewhere (e.g. copied from a cluster) still re-evaluates into its own folders.
    /// </summary>
    public static string Record(string dataset, string split, params string[] runs) =>
        $"dataset: {dataset}\nsplit: {split}\nruns: {string.Join(" ", runs.Select(RunName))}\n";

    /// <summary>
    /// The dataset as <see cref="Record"/> names it for a run's folder (<see cref="ForRun"/>): "the run's own" in
    /// <c>eval-SPLIT</c> (wherever the dataset now lies), otherwise its name and full path, so that two datasets of the same
    /// name do not share <c>eval-NAME-SPLIT</c>.
    /// </summary>
    public static string DatasetForRun(string runDataset, string datasetRoot, string datasetName) =>
        Same(runDataset, datasetRoot) ? "the run's own" : Dataset(datasetRoot, datasetName);

    /// <summary>A dataset as <see cref="Record"/> names it: its name and full path.</summary>
    public static string Dataset(string datasetRoot, string datasetName) => $"{datasetName} ({Full(datasetRoot)})";

    /// <summary>
    /// Creates <paramref name="folder"/> for results described by <paramref name="record"/> and records them. A non-empty folder
    /// recorded for other results is refused, and so is a non-empty unrecorded one unless <paramref name="unrecordedIsOwn"/>
    /// (a run's own eval-SPLIT folder written before folders were recorded).
    /// </summary>
    /// <exception cref="UserError">The folder holds other results.</exception>
    public static void Claim(string folder, string record, bool unrecordedIsOwn, string hint)
    {
        ArgumentNullException.ThrowIfNull(record);
        string file = Path.Combine(folder, RecordFile);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            if (File.Exists(file))
            {
                string held = File.ReadAllText(file);
                if (held != record)
                    throw new UserError($"{folder} holds other results ({Describe(held)}), not replaced by this evaluation ({Describe(record)}): {hint}");
            }
            else if (!unrecordedIsOwn)
                throw new UserError($"{folder} is not empty and does not record what it holds ({RecordFile}); not replaced: {hint}");
        }
        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(file, w => w.Write(record));
    }

    static string Describe(string record) => string.Join("; ", record.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    static bool Same(string a, string b) => string.Equals(Full(a), Full(b), StringComparison.Ordinal);

    static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    static string RunName(string run) => Path.GetFileName(Full(run));

    static string Safe(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
