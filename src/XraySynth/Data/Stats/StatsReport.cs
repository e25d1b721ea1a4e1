namespace XraySynth.Data.Stats;

/// <summary>Computes a dataset's statistics and writes them as CSV files and PNG figures into one folder.</summary>
public static class StatsReport
{
    /// <summary>The default output folder: <c>reports/&lt;dataset-name&gt;-stats</c> under the current folder.</summary>
    public static string DefaultFolder(Dataset dataset) => Path.Combine("reports", $"{dataset.Info.Name}-stats");

    /// <summary>Computes the statistics of <paramref name="dataset"/> and writes every file into <paramref name="folder"/>.</summary>
    /// <returns>The statistics and the paths of the files written.</returns>
    public static (DatasetStats Stats, IReadOnlyList<string> Files) Write(Dataset dataset, string folder)
    {
        var stats = DatasetStats.Compute(dataset);
        Directory.CreateDirectory(folder);
        string File(string name) => Path.Combine(folder, name);
        StatsCsv.WriteLabelCounts(File(StatsCsv.LabelCountsFile), stats);
        StatsCsv.WriteCooccurrence(File(StatsCsv.CooccurrenceFile), stats);
        StatsCsv.WriteSplits(File(StatsCsv.SplitsFile), stats);
        StatsFigures.SavePrevalence(stats, File(StatsFigures.PrevalenceFile));
        StatsFigures.SaveCooccurrence(stats, File(StatsFigures.CooccurrenceFile));
        string[] names = [StatsCsv.LabelCountsFile, StatsCsv.CooccurrenceFile, StatsCsv.SplitsFile, StatsFigures.PrevalenceFile, StatsFigures.CooccurrenceFile];
        return (stats, names.Select(File).ToList());
    }
}
