using System.Globalization;
using Spectre.Console;
using XraySynth.Evaluate;
using XraySynth.Experiments.Ablation;

namespace XraySynth.Cli.Commands.Ablate;

/// <summary>Console tables of an ablation summary.</summary>
public static class AblationTables
{
    static string F(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Per label (rare ones marked) and non-baseline arm: AUROC gain over the baseline with its 95% CI and Holm p.</summary>
    public static Table Gains(AblationSummaryResult summary)
    {
        var arms = summary.Arms.Where(a => a != summary.Baseline).ToList();
        var table = new Table().AddColumn("label").AddColumn($"{Markup.Escape(summary.Baseline)} AUROC");
        foreach (string arm in arms) table.AddColumn($"{Markup.Escape(arm)}: gain (95% CI), Holm p");
        foreach (string label in summary.Labels)
        {
            var baseline = summary.Row(summary.Baseline, label);
            var cells = new List<string> { Markup.Escape(label) + (baseline.Rare ? " [yellow]*[/]" : ""), $"{F(baseline.AurocMean)} ± {F(baseline.AurocSd)}" };
            foreach (string arm in arms)
            {
                var row = summary.Row(arm, label);
                var gain = row.AurocGain;
                string text = gain is null ? "n/a" : $"{Signed(gain.Estimate)} ({Signed(gain.Lower)} to {Signed(gain.Upper)}), p {F(row.HolmP)}";
                cells.Add(gain is not null && row.HolmP <= 0.05 ? $"[bold]{Markup.Escape(text)}[/]" : Markup.Escape(text));
            }
            table.AddRow(cells.ToArray());
        }
        table.Caption($"* rare label; AUROC mean ± sd over seeds; gains averaged over seeds, 95% CI by patient bootstrap ({summary.Bootstrap.Resamples} resamples, {summary.Bootstrap.Method.ShortName()})");
        return table;
    }

    static string Signed(double v) => double.IsFinite(v) ? v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "n/a";
}
