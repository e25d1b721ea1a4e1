using System.Globalization;
using Spectre.Console;
using XraySynth.Data.Stats;

namespace XraySynth.Cli.Commands.Data;

/// <summary>Spectre.Console tables of <see cref="DatasetStats"/> (shared by <c>data stats</c> and <c>data split</c>).</summary>
public static class StatsTables
{
    /// <summary>Images, patients, real/synthetic, No Finding and imbalance ratio per split.</summary>
    public static Table Splits(DatasetStats stats)
    {
        var table = new Table().Title($"{Markup.Escape(stats.DatasetName)}: splits")
            .AddColumns("split", "images", "patients", "real", "synthetic", "no finding", "imbalance ratio");
        foreach (var split in stats.SplitsAndOverall)
            table.AddRow(split.Name, Int(split.Images), Int(split.Patients), Int(split.Real), Int(split.Synthetic), Int(split.NoFinding),
                double.IsNaN(split.ImbalanceRatio) ? "-" : split.ImbalanceRatio.ToString("0.0", CultureInfo.InvariantCulture));
        foreach (var column in table.Columns.Skip(1)) column.RightAligned();
        return table;
    }

    /// <summary>Positives and prevalence per label and split.</summary>
    public static Table Labels(DatasetStats stats)
    {
        var table = new Table().Title($"{Markup.Escape(stats.DatasetName)}: positives per label (prevalence)").AddColumn("label");
        foreach (var split in stats.SplitsAndOverall) table.AddColumn(new TableColumn(split.Name).RightAligned());
        for (int l = 0; l < stats.Labels.Count; l++)
        {
            var cells = new List<string> { Markup.Escape(stats.Labels[l]) };
            foreach (var split in stats.SplitsAndOverall)
            {
                string prevalence = double.IsNaN(split.Prevalence(l)) ? "-" : (split.Prevalence(l) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
                string cell = $"{Int(split.Positives[l])} ({prevalence})";
                cells.Add(split.Positives[l] == 0 && split.Images > 0 ? $"[red]{cell}[/]" : cell);
            }
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    static string Int(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
