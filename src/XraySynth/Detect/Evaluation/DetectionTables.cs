using System.Globalization;
using System.Text;
using XraySynth.Evaluate;
using XraySynth.Evaluate.Detection;

namespace XraySynth.Detect.Evaluation;

/// <summary>metrics.csv / metrics.md of a detector evaluation and comparison.csv / comparison.md of a paired comparison.</summary>
public static class DetectionTables
{
    static string F(double v) => double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";
    static string P(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
    static string Ci(BootstrapCi c) => $"{P(c.Estimate)} ({P(c.Lower)}–{P(c.Upper)})";
    static string Rate(double r) => r.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>One row per class and a "mean" row: estimates and CI bounds of AP@0.5, AP@[.5:.95], CPM and each FROC point.</summary>
    public static void WriteMetricsCsv(string path, DetectionMetricsResult result) =>
        Common.AtomicFile.WriteText(path, w =>
        {
            var header = new List<string> { "label", "truth_boxes" };
            foreach (string m in new[] { "ap50", "ap50_95", "cpm" }.Concat(Froc.StandardRates.Select(r => "sens_at_" + Rate(r) + "_fp")))
                header.AddRange([m, m + "_lower", m + "_upper"]);
            w.WriteLine(string.Join(',', header));
            foreach (var row in result.Classes.Append(result.Mean))
            {
                var cells = new List<string> { row.Label.Contains(',') ? $"\"{row.Label}\"" : row.Label, row.TruthBoxes.ToString(CultureInfo.InvariantCulture) };
                foreach (var c in new[] { row.Ap50, row.Ap, row.Cpm }.Concat(row.Froc.Select(p => p.Sensitivity))) cells.AddRange([F(c.Estimate), F(c.Lower), F(c.Upper)]);
                w.WriteLine(string.Join(',', cells));
            }
        });

    /// <summary>A Markdown table of the metrics with 95% CIs.</summary>
    public static string MetricsMarkdown(string title, DetectionMetricsResult result)
    {
        var s = new StringBuilder($"# {title}\n\n");
        s.Append(CultureInfo.InvariantCulture, $"{result.Images} images; 95% CIs: {result.Mean.Ap50.DescribeMethod()}; FROC hits need IoU ≥ {result.FrocIou:0.##}.\n\n");
        s.Append("| class | boxes | AP@0.5 | AP@[.5:.95] | CPM | " + string.Join(" | ", Froc.StandardRates.Select(r => $"sens@{Rate(r)}")) + " |\n");
        s.Append("|---|---:|---|---|---|" + string.Concat(Froc.StandardRates.Select(_ => "---:|")) + "\n");
        foreach (var row in result.Classes.Append(result.Mean))
            s.Append(CultureInfo.InvariantCulture, $"| {row.Label} | {row.TruthBoxes} | {Ci(row.Ap50)} | {Ci(row.Ap)} | {Ci(row.Cpm)} | {string.Join(" | ", row.Froc.Select(p => P(p.Sensitivity.Estimate)))} |\n");
        return s.ToString();
    }

    /// <summary>One row per class and "mean": the gains B − A with CI bounds.</summary>
    public static void WriteComparisonCsv(string path, IReadOnlyList<ClassDetectionGain> gains) =>
        Common.AtomicFile.WriteText(path, w =>
        {
            w.WriteLine("label,ap50_gain,ap50_gain_lower,ap50_gain_upper,ap50_95_gain,ap50_95_gain_lower,ap50_95_gain_upper,cpm_gain,cpm_gain_lower,cpm_gain_upper");
            foreach (var g in gains)
                w.WriteLine(string.Join(',', new[] { g.Label }.Concat(new[] { g.Ap50Gain, g.ApGain, g.CpmGain }.SelectMany(c => new[] { F(c.Estimate), F(c.Lower), F(c.Upper) }))));
        });

    /// <summary>A Markdown table of the gains.</summary>
    public static string ComparisonMarkdown(string nameA, string nameB, IReadOnlyList<ClassDetectionGain> gains)
    {
        string method = BootstrapMethodText.DescribeDraw(gains.Count > 0 ? gains[0].Ap50Gain : null);
        var s = new StringBuilder($"# Detector B vs A\n\nA: {nameA}\nB: {nameB}\n\nGains are B − A with paired 95% CIs ({method}).\n\n");
        s.Append("| class | ΔAP@0.5 | ΔAP@[.5:.95] | ΔCPM |\n|---|---|---|---|\n");
        foreach (var g in gains) s.Append($"| {g.Label} | {Ci(g.Ap50Gain)} | {Ci(g.ApGain)} | {Ci(g.CpmGain)} |\n");
        return s.ToString();
    }
}
