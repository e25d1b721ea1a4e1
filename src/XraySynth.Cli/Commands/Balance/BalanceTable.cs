using System.Globalization;
using Spectre.Console;
using XraySynth.Balance;

namespace XraySynth.Cli.Commands.Balance;

/// <summary>The Spectre.Console table of a <see cref="BalancePlan"/>: train positives per label before and after.</summary>
public static class BalanceTable
{
    /// <summary>One row per label; shortfalls in yellow, labels the strategy chose to top up marked with '*'.</summary>
    public static Table Create(BalancePlan plan)
    {
        string added = plan.Config.Strategy == BalanceStrategy.Oversample ? "duplicates" : "synthetic";
        var table = new Table()
            .Title($"{Markup.Escape(plan.Real.Info.Name)}: train positives, {BalanceStrategyNames.Format(plan.Config.Strategy)} (* = chosen: topped up towards its target)")
            .AddColumns("label", "real train", $"{added} added", "after", $"{added} share", "target", "shortfall");
        foreach (var label in plan.PerLabel)
        {
            string shortfall = label.Chosen ? Int(label.Shortfall) : "-";
            table.AddRow(
                Markup.Escape(label.Label) + (label.Chosen ? " *" : ""),
                Int(label.RealTrain),
                Int(label.Added),
                Int(label.After),
                double.IsNaN(label.SyntheticFraction) ? "-" : (label.SyntheticFraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
                label.Target is int t ? Int(t) : "-",
                label.Shortfall > 0 ? $"[yellow]{shortfall}[/]" : shortfall);
        }
        foreach (var column in table.Columns.Skip(1)) column.RightAligned();
        return table;
    }

    static string Int(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
