using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;
using XraySynth.Common;
using XraySynth.Data.Cache;
using XraySynth.Gan.Training;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Writes the memorization audit: memorization.json (the shape other tools read), memorization.md (verdict, thresholds,
/// the closest pairs), memorization.png (nearest-distance histograms with the threshold) and closest-pairs.png.
/// </summary>
public static class MemorizationFiles
{
    /// <summary>Where the audited images are, for closest-pairs.png: pixel caches and the rows that were compared.</summary>
    /// <param name="Real">Real dataset pixels.</param>
    /// <param name="Train">Real training rows, in the order of the training features.</param>
    /// <param name="Synthetic">Synthetic dataset pixels.</param>
    /// <param name="SyntheticRows">Synthetic rows, in the order of the synthetic features.</param>
    public sealed record Images(PreparedCache Real, int[] Train, PreparedCache Synthetic, int[] SyntheticRows);

    /// <summary>Writes every file into <paramref name="folder"/> (created if needed).</summary>
    public static void Write(string folder, string features, MemorizationFindings findings, MemorizationOptions options, Images? images)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(Path.Combine(folder, "memorization.json"), w => w.Write(Json(features, findings)));
        AtomicFile.WriteText(Path.Combine(folder, "memorization.md"), w => w.Write(Markdown(features, findings, options, images)));
        Histogram(Path.Combine(folder, "memorization.png"), features, findings);
        if (images is not null && findings.Total > 0) ClosestPairs(Path.Combine(folder, "closest-pairs.png"), features, findings, options, images);
    }

    /// <summary>memorization.json.</summary>
    public static string Json(string features, MemorizationFindings findings)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("features", features);
            if (double.IsFinite(findings.Threshold)) w.WriteNumber("threshold", findings.Threshold);
            else w.WriteNull("threshold");
            w.WriteNumber("flagged", findings.FlaggedCount);
            w.WriteNumber("total", findings.Total);
            w.WriteNumber("pixelFlagged", findings.PixelFlaggedCount);
            w.WriteString("verdict", findings.Verdict);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The synthetic images closest to a training image in feature space, closest first.</summary>
    public static int[] Closest(MemorizationFindings findings, int count) =>
        Enumerable.Range(0, findings.Total).OrderBy(i => findings.SyntheticDistance[i]).Take(count).ToArray();

    static string Markdown(string features, MemorizationFindings f, MemorizationOptions options, Images? images)
    {
        string N(double v, string format = "0.0000") => v.ToString(format, CultureInfo.InvariantCulture);
        var md = new StringBuilder("# Memorization audit\n\n");
        md.Append($"**Verdict.** {f.Verdict}\n\n");
        md.Append($"- features: `{features}`; pixel space: normalized cross-correlation at {options.PixelSize} × {options.PixelSize} px\n");
        md.Append($"- feature threshold: {N(f.Threshold)} (the {N(100 * options.Quantile, "0.#")}% quantile of held-out-real → train nearest distances); flagged {f.FlaggedCount} of {f.Total}\n");
        md.Append($"- pixel threshold: NCC {N(f.PixelThreshold)} (the {N(100 - 100 * options.Quantile, "0.#")}% quantile of held-out-real → train highest NCC); flagged {f.PixelFlaggedCount} of {f.Total}\n");
        md.Append($"- nearest distance, median: synthetic → train {N(Median(f.SyntheticDistance))}, held-out real → train {N(Median(f.HeldOutDistance))}\n\n");
        md.Append("## Closest pairs (closest-pairs.png, left to right)\n\n| # | synthetic | nearest train | distance | flagged | highest NCC | pixel flagged |\n|---:|---|---|---:|:---:|---:|:---:|\n");
        var closest = Closest(f, options.Pairs);
        for (int k = 0; k < closest.Length; k++)
        {
            int i = closest[k];
            string synthetic = images is null ? i.ToString(CultureInfo.InvariantCulture) : images.Synthetic.Dataset.Images[images.SyntheticRows[i]].Id;
            string train = images is null ? f.SyntheticNearest[i].ToString(CultureInfo.InvariantCulture) : images.Real.Dataset.Images[images.Train[f.SyntheticNearest[i]]].Id;
            md.Append($"| {k + 1} | {synthetic} | {train} | {N(f.SyntheticDistance[i])} | {(f.Flagged[i] ? "yes" : "")} | {N(f.SyntheticNcc[i])} | {(f.PixelFlagged[i] ? "yes" : "")} |\n");
        }
        return md.ToString();
    }

    static double Median(double[] values) => values.Length == 0 ? double.NaN : Quantile.Linear(values.Order().ToArray(), 0.5);

    static void Histogram(string path, string features, MemorizationFindings f)
    {
        var plot = new Plot();
        var all = f.SyntheticDistance.Concat(f.HeldOutDistance).Where(double.IsFinite).ToArray();
        if (all.Length > 0)
        {
            double low = all.Min(), high = all.Max();
            if (high <= low) high = low + 1;
            int bins = 40;
            double width = (high - low) / bins;
            foreach (var (values, color, name) in new[] { (f.SyntheticDistance, Color.FromHex("#d62728"), "synthetic → train"), (f.HeldOutDistance, Color.FromHex("#1f77b4"), "held-out real → train") })
            {
                if (values.Length == 0) continue;
                var counts = new double[bins];
                foreach (double v in values) counts[Math.Clamp((int)((v - low) / width), 0, bins - 1)] += 1.0 / values.Length;
                var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(b => low + (b + 0.5) * width).ToArray(), counts);
                foreach (var bar in bars.Bars) { bar.FillColor = color.WithAlpha(0.5); bar.Size = width; bar.LineWidth = 0; }
                bars.LegendText = name;
            }
            var line = plot.Add.VerticalLine(f.Threshold);
            line.LineColor = Colors.Black;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = FormattableString.Invariant($"threshold {f.Threshold:0.000} ({f.FlaggedCount} of {f.Total} flagged)");
        }
        plot.Axes.Bottom.Label.Text = $"distance to the nearest training image ({features})";
        plot.Axes.Left.Label.Text = "fraction of images";
        plot.Title("Memorization audit: nearest-neighbour distances");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 550);
    }

    static void ClosestPairs(string path, string features, MemorizationFindings f, MemorizationOptions options, Images images)
    {
        var closest = Closest(f, options.Pairs);
        int size = images.Synthetic.Size, bytes = images.Synthetic.ImageBytes, columns = closest.Length;
        var pixels = new byte[2 * columns * bytes];
        for (int c = 0; c < columns; c++)
        {
            int i = closest[c];
            images.Synthetic.Image(images.SyntheticRows[i]).CopyTo(pixels.AsSpan(c * bytes, bytes));
            images.Real.Image(images.Train[f.SyntheticNearest[i]]).CopyTo(pixels.AsSpan((columns + c) * bytes, bytes));
        }
        string distances = string.Join(", ", closest.Select(i => f.SyntheticDistance[i].ToString("0.00", CultureInfo.InvariantCulture)));
        SampleGrid.Write(path, pixels, size, 2, columns, ["synthetic", "nearest train"], $"closest pairs in {features} space; distances {distances}");
    }
}
