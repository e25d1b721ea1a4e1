using System.Globalization;
using System.Text;
using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Balance;

/// <summary>Writes a plan's before/after label counts as CSV, Markdown and a PNG chart into one folder.</summary>
public static class BalanceReport
{
    /// <summary>CSV table: label, real_train, synthetic_added, after, synthetic_fraction, target, shortfall.</summary>
    public const string CsvFile = "label_counts.csv";

    /// <summary>Markdown: settings, the table, train totals and shortfalls.</summary>
    public const string MarkdownFile = "label_counts.md";

    /// <summary>Grouped bar chart of the train positives before and after (see <see cref="BalanceFigure"/>).</summary>
    public const string FigureFile = "label_counts.png";

    /// <summary>Writes the three files into <paramref name="folder"/> (created) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(BalancePlan plan, string folder)
    {
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, CsvFile), markdown = Path.Combine(folder, MarkdownFile), png = Path.Combine(folder, FigureFile);
        WriteCsv(plan, csv);
        AtomicFile.WriteText(markdown, w => w.Write(Markdown(plan)));
        BalanceFigure.Save(plan, png);
        return [csv, markdown, png];
    }

    /// <summary>
    /// One row per label in vocabulary order. synthetic_added counts added images carrying the label (duplicates for
    /// oversample); synthetic_fraction is synthetic_added / after (empty when after is 0); target and shortfall are
    /// empty for labels the strategy does not top up.
    /// </summary>
    public static void WriteCsv(BalancePlan plan, string path) =>
        AtomicFile.WriteText(path, writer =>
        {
            using var csv = CsvTable.CreateWriter(writer);
            foreach (string c in new[] { "label", "real_train", "synthetic_added", "after", "synthetic_fraction", "target", "shortfall" }) csv.WriteField(c);
            csv.NextRecord();
            foreach (var label in plan.PerLabel)
            {
                csv.WriteField(label.Label);
                csv.WriteField(Raw(label.RealTrain));
                csv.WriteField(Raw(label.Added));
                csv.WriteField(Raw(label.After));
                csv.WriteField(double.IsNaN(label.SyntheticFraction) ? "" : label.SyntheticFraction.ToString("R", CultureInfo.InvariantCulture));
                csv.WriteField(label.Target is int t ? Raw(t) : "");
                csv.WriteField(label.Chosen ? Raw(label.Shortfall) : "");
                csv.NextRecord();
            }
        });

    /// <summary>The Markdown report: settings, the per-label table, train totals and every shortfall with its reason.</summary>
    public static string Markdown(BalancePlan plan)
    {
        var config = plan.Config;
        bool oversample = config.Strategy == BalanceStrategy.Oversample;
        string addedName = oversample ? "duplicates" : "synthetic";
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Balance of {plan.Real.Info.Name}: {BalanceStrategyNames.Format(config.Strategy)}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- real dataset: `{plan.Real.Root}`\n");
        foreach (var source in plan.Sources) md.Append(CultureInfo.InvariantCulture, $"- synthetic source: `{source.Root}` ({Int(source.Images.Count)} images)\n");
        md.Append(CultureInfo.InvariantCulture, $"- {StrategyLine(config)}\n");
        md.Append(CultureInfo.InvariantCulture, $"- caps: added images at most {Percent(config.MaxSyntheticFraction)} of train ({CapText(plan.OverallCap)} images) and at most {Percent(config.MaxSyntheticFractionPerLabel)} of any label's train positives\n");
        md.Append(CultureInfo.InvariantCulture, $"- seed: {config.Seed}\n\n");

        md.Append(CultureInfo.InvariantCulture, $"| label | real train | {addedName} added | after | {addedName} share | target | shortfall |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var label in plan.PerLabel)
            md.Append(CultureInfo.InvariantCulture,
                $"| {label.Label} | {Int(label.RealTrain)} | {Int(label.Added)} | {Int(label.After)} | {(double.IsNaN(label.SyntheticFraction) ? "-" : Percent(label.SyntheticFraction))} | {(label.Target is int t ? Int(t) : "-")} | {(label.Chosen ? Int(label.Shortfall) : "-")} |\n");
        md.Append(CultureInfo.InvariantCulture,
            $"\nTrain images: {Int(plan.RealTrain)} real + {Int(plan.Additions.Count)} {addedName} = {Int(plan.TrainAfter)} ({Percent(plan.SyntheticFraction)} added). Val and test are unchanged.\n");

        var shortfalls = plan.Shortfalls.ToList();
        if (shortfalls.Count > 0)
        {
            md.Append("\n## Shortfalls\n\n");
            foreach (var label in shortfalls)
                md.Append(CultureInfo.InvariantCulture, $"- {label.Label}: {Int(label.After)} of {Int(label.Target!.Value)} ({Int(label.Shortfall)} short): {Explain(label, plan)}\n");
        }
        return md.ToString();
    }

    /// <summary>
    /// The console's warnings about labels short of their target: one line per label, except that the labels no
    /// synthetic image carries share one line (typically most of the vocabulary when only the rare labels were sampled).
    /// </summary>
    public static IReadOnlyList<string> ShortfallWarnings(BalancePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        bool synthetic = plan.Config.Strategy != BalanceStrategy.Oversample;
        var notSampled = plan.Shortfalls.Where(l => synthetic && l.Reason == ShortfallReason.NotInPool).ToList();
        var warnings = plan.Shortfalls.Except(notSampled)
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Label}: {l.After:N0} of {l.Target:N0} train positives ({l.Shortfall:N0} short): {Explain(l, plan)}"))
            .ToList();
        if (notSampled.Count == 1) warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{notSampled[0].Label}: {notSampled[0].After:N0} of {notSampled[0].Target:N0} train positives ({notSampled[0].Shortfall:N0} short): {Explain(notSampled[0], plan)}"));
        else if (notSampled.Count > 1)
        {
            string names = string.Join(", ", notSampled.Select(l => l.Label));
            warnings.Add($"no synthetic image carries {names} ({notSampled.Count} labels below their target): they keep their real positives; " +
                $"sample them (gan sample --labels {string.Join(',', notSampled.Select(l => l.Label))}) or name the labels to top up with --labels");
        }
        return warnings;
    }

    /// <summary>Why a label stopped short, in words.</summary>
    public static string Explain(LabelBalance label, BalancePlan plan) => label.Reason switch
    {
        ShortfallReason.PoolExhausted => plan.Config.Strategy == BalanceStrategy.Oversample
            ? "no real train positive to duplicate"
            : "every synthetic image with this label is used (sample more)",
        ShortfallReason.NotInPool => plan.Config.Strategy == BalanceStrategy.Oversample
            ? "no real train positive to duplicate"
            : $"no synthetic image carries this label (sample it: gan sample --labels {label.Label})",
        ShortfallReason.LabelCap => $"per-label cap reached ({CapText(label.Cap)} added for {Int(label.RealTrain)} real positives at {Percent(plan.Config.MaxSyntheticFractionPerLabel)})",
        ShortfallReason.OverallCap => $"overall cap reached ({CapText(plan.OverallCap)} added images at {Percent(plan.Config.MaxSyntheticFraction)} of train)",
        ShortfallReason.CoLabelCap => "every image left with this label also carries a label whose cap is reached",
        _ => "target not reached",
    };

    static string StrategyLine(BalanceConfig config) => config.Strategy switch
    {
        BalanceStrategy.TargetCount => $"strategy: target-count (every chosen label to at least {Int(config.Target)} train positives)",
        BalanceStrategy.Oversample => $"strategy: oversample (duplicate real train positives until every chosen label has {Int(config.Target)})",
        BalanceStrategy.MatchMedian => "strategy: match-median (chosen labels up to the median label's real train positives)",
        BalanceStrategy.MatchMax => "strategy: match-max (chosen labels up to the commonest label's real train positives)",
        _ => $"strategy: ratio ({config.Ratio.ToString("0.###", CultureInfo.InvariantCulture)} synthetic per real train positive)",
    };

    static string CapText(int cap) => cap == int.MaxValue ? "no cap" : Int(cap);

    static string Raw(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Int(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
