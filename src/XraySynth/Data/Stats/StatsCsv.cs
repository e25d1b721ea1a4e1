using System.Globalization;

namespace XraySynth.Data.Stats;

/// <summary>Writes <see cref="DatasetStats"/> as CSV files (invariant culture, '\n' line ends).</summary>
public static class StatsCsv
{
    /// <summary>label_counts.csv: one row per label and split (train, val, test, all).</summary>
    public const string LabelCountsFile = "label_counts.csv";

    /// <summary>cooccurrence.csv: a label × label matrix of image counts.</summary>
    public const string CooccurrenceFile = "cooccurrence.csv";

    /// <summary>splits.csv: images, patients, real, synthetic and imbalance ratio per split.</summary>
    public const string SplitsFile = "splits.csv";

    /// <summary>Columns: label, split, positives, images, prevalence (a fraction, empty for an empty split).</summary>
    public static void WriteLabelCounts(string path, DatasetStats stats) =>
        Common.AtomicFile.WriteText(path, writer =>
        {
            using var csv = CsvTable.CreateWriter(writer);
            foreach (string c in new[] { "label", "split", "positives", "images", "prevalence" }) csv.WriteField(c);
            csv.NextRecord();
            for (int l = 0; l < stats.Labels.Count; l++)
                foreach (var split in stats.SplitsAndOverall)
                {
                    csv.WriteField(stats.Labels[l]);
                    csv.WriteField(split.Name);
                    csv.WriteField(Int(split.Positives[l]));
                    csv.WriteField(Int(split.Images));
                    csv.WriteField(Number(split.Prevalence(l)));
                    csv.NextRecord();
                }
        });

    /// <summary>Header <c>label,&lt;labels&gt;</c>, then one row per label: images carrying both labels.</summary>
    public static void WriteCooccurrence(string path, DatasetStats stats) =>
        Common.AtomicFile.WriteText(path, writer =>
        {
            using var csv = CsvTable.CreateWriter(writer);
            csv.WriteField("label");
            foreach (string l in stats.Labels) csv.WriteField(l);
            csv.NextRecord();
            for (int a = 0; a < stats.Labels.Count; a++)
            {
                csv.WriteField(stats.Labels[a]);
                for (int b = 0; b < stats.Labels.Count; b++) csv.WriteField(Int(stats.Cooccurrence[a, b]));
                csv.NextRecord();
            }
        });

    /// <summary>Columns: split, images, patients, real, synthetic, no_finding, imbalance_ratio.</summary>
    public static void WriteSplits(string path, DatasetStats stats) =>
        Common.AtomicFile.WriteText(path, writer =>
        {
            using var csv = CsvTable.CreateWriter(writer);
            foreach (string c in new[] { "split", "images", "patients", "real", "synthetic", "no_finding", "imbalance_ratio" }) csv.WriteField(c);
            csv.NextRecord();
            foreach (var split in stats.SplitsAndOverall)
            {
                csv.WriteField(split.Name);
                foreach (int v in new[] { split.Images, split.Patients, split.Real, split.Synthetic, split.NoFinding }) csv.WriteField(Int(v));
                csv.WriteField(Number(split.ImbalanceRatio));
                csv.NextRecord();
            }
        });

    static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
