using System.Text.Json;
using XraySynth.Gan.Training;
using XraySynth.Report;

namespace XraySynth.Tests.Report;

/// <summary>Small tables, documents, images and GAN run folders for the report tests.</summary>
static class ReportSamples
{
    /// <summary>A table with LaTeX/Markdown/CSV special characters in its cells and a highlighted (rare) row.</summary>
    public static ReportTable Tricky() => new(
        "auroc-gain", "AUROC gain of real + GAN over real_only (95% CI) & p-values",
        ["label", "AUROC A", "gain B − A", "p (Holm)"],
        [
            ["Cardiomegaly", "0.912", "0.004 [−0.010, 0.018]", "0.62"],
            ["Hernia_rare #1", "0.70", "0.081 [0.020, 0.140]", "0.012*"],
            ["a|b, \"quoted\"", "$5 ~ ^2", "{x} \\ 50%", "<b>&amp;"],
        ],
        HighlightRows: new HashSet<int> { 1 },
        Note: "Bold: rare labels; * p < 0.05 after Holm.");

    /// <summary>A PNG of <paramref name="width"/> × <paramref name="height"/> with a diagonal gradient.</summary>
    public static string GradientPng(string path, int width, int height, int offset = 0)
    {
        var image = new XraySynth.Data.Images.GrayImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image.Pixels[y * width + x] = (byte)((offset + 255 * (x + y) / Math.Max(1, width + height - 2)) % 256);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        XraySynth.Data.Images.ImageCodec.WritePng(image, path);
        return path;
    }

    /// <summary>Classifier-like scores: positives score higher on average.</summary>
    public static RocSeries Series(string name, int seed, double separation, int n = 120)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, n).Select(i => i % 4 == 0).ToArray();
        var scores = truth.Select(t => random.NextDouble() + (t ? separation : 0)).ToArray();
        return new RocSeries(name, scores, truth);
    }

    /// <summary>
    /// A GAN run folder as the trainer writes it: run.json, log.csv (a resolution change, a rollback event) and
    /// <paramref name="grids"/> sample grids, tile (row r) filled with the grey level <see cref="TileValue"/>(r).
    /// </summary>
    public static string GanRun(string folder, bool gradientPenalty = true, int grids = 8, int size = 8, int columns = 3)
    {
        string[] labels = ["Cardiomegaly", "Hernia"];
        Directory.CreateDirectory(Path.Combine(folder, "samples"));
        File.WriteAllText(Path.Combine(folder, "run.json"), JsonSerializer.Serialize(
            new GanRunInfo("xraysynth gan train (test)", 0, "/data", "phantom", labels, "2026-01-01T00:00:00Z", "cpu")));
        using (var log = new TrainingLog(Path.Combine(folder, "log.csv"), keepThroughStep: null))
        {
            for (int step = 1; step <= 40; step++)
            {
                int resolution = step <= 20 ? 4 : 8;
                double penalty = gradientPenalty ? 0.05 + 0.01 * (step % 3) : 0;
                log.Write(new TrainingLogRow(step, step * 0.1, $"stable {resolution}", resolution, 1, 16, -1 - 0.01 * step, 1.5 + 0.02 * step, penalty, 0.001, 100, 0, ""));
                if (step == 30)
                    log.Write(new TrainingLogRow(25, 2.5, "", 0, 0, 0, double.NaN, double.NaN, double.NaN, 0.0005, 0, 0, "rollback from step 30"));
            }
        }
        var (_, titles) = SampleGrid.Conditions(labels);
        for (int g = 0; g < grids; g++)
        {
            var pixels = new byte[titles.Length * columns * size * size];
            for (int r = 0; r < titles.Length; r++)
                Array.Fill(pixels, TileValue(r), r * columns * size * size, columns * size * size);
            double kimg = 0.5 * (g + 1);
            SampleGrid.Write(Path.Combine(folder, "samples", FormattableString.Invariant($"fakes{kimg:0000.000}kimg.png")), pixels, size, titles.Length, columns, titles, $"{kimg} kimg");
        }
        SampleGrid.Write(Path.Combine(folder, "samples", "reals.png"), new byte[titles.Length * columns * size * size], size, titles.Length, columns, titles, "reals");
        return folder;
    }

    /// <summary>Grey level of the sample tiles of grid row <paramref name="row"/> in <see cref="GanRun"/>.</summary>
    public static byte TileValue(int row) => (byte)(61 + 40 * row);
}
