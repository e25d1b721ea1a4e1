using System.Globalization;
using System.Text;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Evaluate;

namespace XraySynth.Classify.Evaluation;

/// <summary>Per-label metric tables as CSV and Markdown (numbers with invariant culture; CIs as 95% bootstrap over patients).</summary>
public static class MetricsTables
{
    static string F(double v, string format = "0.000") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "NaN";

    /// <summary>metrics.csv for one classifier.</summary>
    public static void WriteMetricsCsv(string path, IReadOnlyList<LabelMetrics> rows) => AtomicFile.WriteText(path, w =>
    {
        using var csv = CsvTable.CreateWriter(w);
        foreach (string c in new[] { "label", "positives", "negatives", "positive_patients", "auroc", "auroc_low", "auroc_high", "auprc", "auprc_low", "auprc_high", "sensitivity_at_90_specificity", "ece" })
            csv.WriteField(c);
        csv.NextRecord();
        foreach (var r in rows)
        {
            csv.WriteField(r.Label);
            csv.WriteField(r.Positives.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Negatives.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.PositivePatients.ToString(CultureInfo.InvariantCulture));
            foreach (double v in new[] { r.Auroc.Estimate, r.Auroc.Lower, r.Auroc.Upper, r.Auprc.Estimate, r.Auprc.Lower, r.Auprc.Upper, r.SensitivityAtSpecificity90, r.Ece })
                csv.WriteField(F(v, "0.######"));
            csv.NextRecord();
        }
    });

    /// <summary>Markdown table of one classifier's metrics with the mean AUROC over defined labels.</summary>
    public static string MetricsMarkdown(string title, IReadOnlyList<LabelMetrics> rows)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(title).Append("\n\n");
        sb.Append("| label | positives | AUROC (95% CI) | AUPRC (95% CI) | sens. @ 90% spec. | ECE |\n|---|---:|---|---|---:|---:|\n");
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture, $"| {FewPositives.Name(r.Label, r.Positives)} | {r.Positives} | {F(r.Auroc.Estimate)} ({F(r.Auroc.Lower)}–{F(r.Auroc.Upper)}) | {F(r.Auprc.Estimate)} ({F(r.Auprc.Lower)}–{F(r.Auprc.Upper)}) | {F(r.SensitivityAtSpecificity90)} | {F(r.Ece)} |\n");
        var defined = rows.Select(r => r.Auroc.Estimate).Where(double.IsFinite).ToList();
        sb.Append(CultureInfo.InvariantCulture, $"\nMean AUROC over {defined.Count} labels with both classes: {F(defined.DefaultIfEmpty(double.NaN).Average())}. ");
        sb.Append("CIs: ").Append(BootstrapMethodText.DescribeDraw(rows.Count > 0 ? rows[0].Auroc : null)).Append(" (all images of a patient resampled together).\n");
        AppendNote(sb, rows.Select(r => r.Positives));
        return sb.ToString();
    }

    /// <summary>comparison.csv for a paired comparison.</summary>
    public static void WriteComparisonCsv(string path, IReadOnlyList<LabelComparison> rows) => AtomicFile.WriteText(path, w =>
    {
        using var csv = CsvTable.CreateWriter(w);
        foreach (string c in new[] { "label", "positives", "negatives", "auroc_a", "auroc_b", "difference", "difference_low", "difference_high", "delong_z", "delong_p", "holm_p" })
            csv.WriteField(c);
        csv.NextRecord();
        foreach (var r in rows)
        {
            csv.WriteField(r.Label);
            csv.WriteField(r.Positives.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Negatives.ToString(CultureInfo.InvariantCulture));
            foreach (double v in new[] { r.AurocA, r.AurocB, r.Difference.Estimate, r.Difference.Lower, r.Difference.Upper, r.DeLong.Z, r.DeLong.PValue, r.HolmP })
                csv.WriteField(F(v, "0.######"));
            csv.NextRecord();
        }
    });

    /// <summary>Markdown table of a paired comparison (B − A).</summary>
    public static string ComparisonMarkdown(string nameA, string nameB, IReadOnlyList<LabelComparison> rows)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# {nameB} vs {nameA}\n\n");
        sb.Append("| label | positives | AUROC A | AUROC B | B − A (95% CI) | DeLong p | Holm p |\n|---|---:|---:|---:|---|---:|---:|\n");
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture, $"| {FewPositives.Name(r.Label, r.Positives)} | {r.Positives} | {F(r.AurocA)} | {F(r.AurocB)} | {F(r.Difference.Estimate, "+0.000;-0.000;0.000")} ({F(r.Difference.Lower, "+0.000;-0.000;0.000")} to {F(r.Difference.Upper, "+0.000;-0.000;0.000")}) | {F(r.DeLong.PValue, "0.0000")} | {F(r.HolmP, "0.0000")} |\n");
        sb.Append("\nA = ").Append(nameA).Append(", B = ").Append(nameB)
          .Append(". Difference CI: paired ").Append(BootstrapMethodText.DescribeDraw(rows.Count > 0 ? rows[0].Difference : null)).Append("; p: DeLong's paired test, Holm-adjusted across labels.\n");
        AppendNote(sb, rows.Select(r => r.Positives));
        return sb.ToString();
    }

    static void AppendNote(StringBuilder sb, IEnumerable<int> positives)
    {
        string note = FewPositives.Note(positives);
        if (note.Length > 0) sb.Append('\n').Append(note).Append('\n');
    }
}
