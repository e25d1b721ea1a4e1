using System.Globalization;
using System.Text;
using System.Text.Json;
using XraySynth.Common;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Writes a <see cref="QualityReport"/> as quality.json (the shape other tools read; undefined values are null),
/// quality.csv (one row per set, floor beside each metric), quality.md (the same as tables) and quality.png.
/// </summary>
public static class QualityFiles
{
    /// <summary>Column names of quality.csv after <c>label</c>, in quality.json's field order.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["count", "fid", "fidFloor", "kidMean", "kidSd", "kidFloor", "precision", "recall", "density", "coverage",
         "precisionFloor", "recallFloor", "densityFloor", "coverageFloor"];

    /// <summary>Writes every file into <paramref name="folder"/> (created if needed), each atomically.</summary>
    public static void Write(string folder, QualityReport report)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(Path.Combine(folder, "quality.json"), w => w.Write(Json(report)));
        AtomicFile.WriteText(Path.Combine(folder, "quality.csv"), w => w.Write(Csv(report)));
        AtomicFile.WriteText(Path.Combine(folder, "quality.md"), w => w.Write(Markdown(report)));
        QualityFigure.Save(Path.Combine(folder, "quality.png"), report);
    }

    /// <summary>quality.json.</summary>
    public static string Json(QualityReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("features", report.Features);
            w.WriteString("real", report.Real);
            w.WriteString("synthetic", report.Synthetic);
            w.WritePropertyName("overall");
            WriteRow(w, report.Overall);
            w.WriteStartArray("perLabel");
            foreach (var row in report.PerLabel) WriteRow(w, row);
            w.WriteEndArray();
            if (report.LabelFidelity is { } fidelity)
            {
                w.WriteStartArray("labelFidelity");
                foreach (var f in fidelity)
                {
                    w.WriteStartObject();
                    w.WriteString("label", f.Label);
                    Number(w, "syntheticAuroc", f.SyntheticAuroc);
                    Number(w, "realTestAuroc", f.RealTestAuroc);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>quality.csv: <c>label</c> (<c>all</c> for the overall row), then <see cref="Fields"/>.</summary>
    public static string Csv(QualityReport report)
    {
        var text = new StringBuilder("label," + string.Join(",", Fields) + "\n");
        foreach (var row in new[] { report.Overall }.Concat(report.PerLabel))
            text.Append(row.Label ?? "all").Append(',').AppendJoin(",", Values(row).Select(v => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "")).Append('\n');
        return text.ToString();
    }

    /// <summary>Held-out real images below which a row's floor is marked as noisy in quality.md.</summary>
    public const int SmallFloorImages = 50;

    static bool SmallFloor(QualityRow row) => row.FloorCount is > 0 and < SmallFloorImages;

    /// <summary>quality.md: the metrics with their floors, and label fidelity.</summary>
    public static string Markdown(QualityReport report)
    {
        var md = new StringBuilder();
        md.Append("# Synthetic image quality\n\n");
        md.Append($"- features: `{report.Features}`\n- real: `{report.Real}` (reference: train split; floor: val + test against train)\n- synthetic: `{report.Synthetic}`\n\n");
        md.Append("Each cell is *synthetic (real-vs-real floor)*. Lower is better for FID and KID; precision, recall and coverage near the floor and density near 1 mean the synthetic images are as close to the training images as new real ones are.\n\n");
        md.Append("| set | synthetic | held-out real | FID | KID ×10³ (± sd) | precision | recall | density | coverage |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        var rows = new[] { report.Overall }.Concat(report.PerLabel).ToList();
        foreach (var r in rows)
            md.Append($"| {r.Label ?? "all"}{(SmallFloor(r) ? " †" : "")} | {r.Count} | {r.FloorCount} | {F(r.Fid, "0.00")} ({F(r.FidFloor, "0.00")}) | {F(r.KidMean * 1e3, "0.00")} ± {F(r.KidSd * 1e3, "0.00")} ({F(r.KidFloor * 1e3, "0.00")}) " +
                      $"| {F(r.Precision)} ({F(r.PrecisionFloor)}) | {F(r.Recall)} ({F(r.RecallFloor)}) | {F(r.Density)} ({F(r.DensityFloor)}) | {F(r.Coverage)} ({F(r.CoverageFloor)}) |\n");
        if (rows.Where(SmallFloor).ToList() is { Count: > 0 } small)
            md.Append($"\n† floor from fewer than {SmallFloorImages} held-out real images ({string.Join(", ", small.Select(r => $"{r.Label ?? "all"} {r.FloorCount}"))}): " +
                      "noisy, and for FID biased upward at small n (an unbiased KID estimate may be negative); compare such labels with care.\n");
        if (report.LabelFidelity is { Count: > 0 } fidelity)
        {
            md.Append("\n## Label fidelity\n\nAUROC of the real-trained classifier at telling synthetic images with the label from synthetic images without it, beside its AUROC on real test images.\n\n");
            md.Append("| label | synthetic with / without | AUROC synthetic | AUROC real test |\n|---|---:|---:|---:|\n");
            foreach (var f in fidelity)
                md.Append($"| {f.Label} | {f.SyntheticPositives} / {f.SyntheticNegatives} | {F(f.SyntheticAuroc)} | {F(f.RealTestAuroc)} |\n");
        }
        md.Append("\nn/a: undefined (too few images for the metric: FID and KID need 2, the k-NN metrics more than k).\n");
        return md.ToString();
    }

    static void WriteRow(Utf8JsonWriter w, QualityRow row)
    {
        w.WriteStartObject();
        if (row.Label is { } label) w.WriteString("label", label);
        var values = Values(row);
        w.WriteNumber(Fields[0], row.Count);
        for (int i = 1; i < Fields.Count; i++) Number(w, Fields[i], values[i]);
        w.WriteEndObject();
    }

    static double[] Values(QualityRow r) =>
        [r.Count, r.Fid, r.FidFloor, r.KidMean, r.KidSd, r.KidFloor, r.Precision, r.Recall, r.Density, r.Coverage,
         r.PrecisionFloor, r.RecallFloor, r.DensityFloor, r.CoverageFloor];

    static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    static string F(double v, string format = "0.000") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
