using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Gan.Training;

namespace XraySynth.Report;

/// <summary>
/// Figures of a GAN run folder (<c>xraysynth gan train</c>): the loss curves from <c>log.csv</c>, and the
/// fixed-latent sample grids <c>samples/fakesKKKK.KKKkimg.png</c> over training, side by side.
/// </summary>
public static partial class GanTrainingFigures
{
    /// <summary>Size of the loss-curve figure in pixels.</summary>
    public const int CurvesWidth = 1400, CurvesHeight = 800;

    const float FontSize = 18;

    /// <summary>
    /// Plots the discriminator and generator losses (left axis) and, when the run logged a non-zero gradient penalty
    /// (PGGAN's WGAN-GP), the gradient penalty (right axis) against kimg; resolution changes are marked with dotted
    /// lines and rollbacks with red lines. Saved to <c>STEM.png</c> and <c>STEM.svg</c>.
    /// </summary>
    /// <exception cref="UserError">The folder has no log.csv, or it lacks the kimg/loss columns or has no loss rows.</exception>
    public static ReportFigure SaveCurves(string ganRunFolder, string pathStem)
    {
        var rows = ReadLog(ganRunFolder);
        double[] kimg = rows.Select(r => r.Kimg).ToArray();
        var plot = new Plot();
        FigureStyle.Apply(plot);

        var discriminator = plot.Add.Scatter(kimg, rows.Select(r => r.DiscriminatorLoss).ToArray());
        discriminator.Color = FigureStyle.SeriesColor(0);
        discriminator.LegendText = "discriminator loss";
        var generator = plot.Add.Scatter(kimg, rows.Select(r => r.GeneratorLoss).ToArray());
        generator.Color = FigureStyle.SeriesColor(1);
        generator.LegendText = "generator loss";
        foreach (var line in new[] { discriminator, generator })
        {
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }
        if (rows.Any(r => double.IsFinite(r.GradientPenalty) && r.GradientPenalty != 0))
        {
            var penalty = plot.Add.Scatter(kimg, rows.Select(r => r.GradientPenalty).ToArray());
            penalty.Color = FigureStyle.SeriesColor(2);
            penalty.LinePattern = LinePattern.Dashed;
            penalty.MarkerSize = 0;
            penalty.LineWidth = 2;
            penalty.LegendText = "gradient penalty (right axis)";
            penalty.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "gradient penalty (before λ weighting)";
        }
        double top = rows.Max(r => Math.Max(r.DiscriminatorLoss, r.GeneratorLoss));
        for (int i = 1; i < rows.Count; i++)
            if (rows[i].Resolution != rows[i - 1].Resolution)
            {
                var growth = plot.Add.VerticalLine(rows[i].Kimg);
                growth.LineColor = Colors.Gray;
                growth.LinePattern = LinePattern.Dotted;
                growth.LineWidth = 1.5f;
                var text = plot.Add.Text($" → {rows[i].Resolution} px", rows[i].Kimg, top);
                text.LabelAlignment = Alignment.UpperLeft;
                text.LabelFontSize = FigureStyle.MinimumFontSize;
                text.LabelFontColor = Colors.DimGray;
            }
        foreach (double at in ReadRollbacks(ganRunFolder))
        {
            var rollback = plot.Add.VerticalLine(at);
            rollback.LineColor = Colors.Red;
            rollback.LineWidth = 1.5f;
            rollback.LegendText = "rollback (NaN/Inf)";
        }
        plot.Axes.Bottom.Label.Text = "training progress (kimg = thousands of real images shown)";
        plot.Axes.Left.Label.Text = "loss (batch mean, unitless)";
        plot.Title($"GAN training losses: {Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(ganRunFolder)))}");
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = FigureStyle.TickFontSize;
        return FigureFile.Save(plot, pathStem, CurvesWidth, CurvesHeight);
    }

    /// <summary>
    /// The run's fixed-latent sample grids over training, up to <paramref name="maxColumns"/> picked evenly from first
    /// to last, left to right, each captioned with its kimg; the row titles (No Finding and the run's labels from
    /// run.json) are drawn once at the left. Saved to <c>STEM.png</c> and <c>STEM.svg</c>.
    /// </summary>
    /// <exception cref="UserError">No sample grids or run.json in the folder, or a grid does not have the trainer's layout.</exception>
    public static ReportFigure SaveProgression(string ganRunFolder, string pathStem, int maxColumns = 6)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxColumns);
        var grids = FindGrids(ganRunFolder);
        var chosen = PickEvenly(grids, maxColumns);
        var titles = SampleGrid.Conditions(GanRunInfo.Read(Path.Combine(ganRunFolder, "run.json")).Labels).Titles;
        var panels = new List<SKImage>();
        try
        {
            foreach (var (path, _) in chosen) panels.Add(CropImages(path, titles.Length));
            // Upscale small grids (nearest neighbour, so pixels stay honest) to about 64-pixel samples, within a width budget.
            int rowCount = titles.Length;
            double sampleSize = (double)panels[0].Height / rowCount;
            double scale = Math.Max(1, Math.Floor(64 / sampleSize));
            scale = Math.Max(1, Math.Min(scale, Math.Floor(2400.0 / (panels.Count * panels[0].Width))));
            int panelWidth = (int)(panels[0].Width * scale), panelHeight = (int)(panels[0].Height * scale);
            using var font = FigureText.Font(FontSize);
            using var ink = FigureText.Ink();
            int titleWidth = (int)Math.Ceiling(titles.Max(t => font.MeasureText(t))) + 24;
            const int header = 40, gap = 16, border = 10;
            int width = titleWidth + panels.Count * (panelWidth + gap) + border;
            int height = header + panelHeight + border;
            return FigureFile.Save(pathStem, width, height, canvas =>
            {
                float rowHeight = (float)panelHeight / rowCount;
                for (int r = 0; r < rowCount; r++)
                    FigureText.DrawCentredVertically(canvas, titles[r], titleWidth - 12, header + (r + 0.5f) * rowHeight, SKTextAlign.Right, font, ink);
                for (int p = 0; p < panels.Count; p++)
                {
                    float left = titleWidth + p * (panelWidth + gap);
                    string caption = chosen[p].Kimg.ToString("0.0", CultureInfo.InvariantCulture) + " kimg";
                    FigureText.Draw(canvas, caption, left + panelWidth / 2f, header - 12, SKTextAlign.Center, font, ink);
                    canvas.DrawImage(panels[p], SKRect.Create(left, header, panelWidth, panelHeight), new SKSamplingOptions(SKFilterMode.Nearest));
                }
            });
        }
        finally
        {
            foreach (var panel in panels) panel.Dispose();
        }
    }

    /// <summary>The sample grids of a run, (path, kimg) in kimg order.</summary>
    /// <exception cref="UserError">The folder has none.</exception>
    public static IReadOnlyList<(string Path, double Kimg)> FindGrids(string ganRunFolder)
    {
        string samples = Path.Combine(ganRunFolder, "samples");
        var grids = Directory.Exists(samples)
            ? Directory.EnumerateFiles(samples, "fakes*kimg.png")
                .Select(p => (Path: p, Match: GridName().Match(Path.GetFileName(p))))
                .Where(g => g.Match.Success)
                .Select(g => (g.Path, Kimg: double.Parse(g.Match.Groups[1].Value, CultureInfo.InvariantCulture)))
                .OrderBy(g => g.Kimg).ToList()
            : [];
        if (grids.Count == 0)
            throw new UserError($"{samples}: no sample grids (fakesKKKK.KKKkimg.png) found; is {ganRunFolder} a run folder of 'xraysynth gan train'?");
        return grids;
    }

    /// <summary>Up to <paramref name="count"/> items picked evenly from first to last (all when there are fewer).</summary>
    public static IReadOnlyList<T> PickEvenly<T>(IReadOnlyList<T> items, int count)
    {
        if (items.Count <= count) return items;
        if (count == 1) return [items[^1]];
        return Enumerable.Range(0, count).Select(i => items[(int)Math.Round(i * (items.Count - 1) / (double)(count - 1))]).ToList();
    }

    /// <summary>The image area of a trainer grid (without its row titles and caption strip).</summary>
    static SKImage CropImages(string path, int rows)
    {
        GrayImage grid;
        try { grid = ImageCodec.Decode(path); }
        catch (InvalidDataException e) { throw new UserError($"GAN progression: {e.Message}", e); }
        int height = grid.Height - SampleGrid.CaptionHeight, width = grid.Width - SampleGrid.TitleWidth;
        if (height <= 0 || width <= 0 || height % rows != 0)
            throw new UserError($"{path}: {grid.Width}x{grid.Height} is not a sample grid of {rows} rows as 'xraysynth gan train' writes them");
        width -= SampleGrid.Gap;
        height -= SampleGrid.Gap;
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
            Array.Copy(grid.Pixels, (y + SampleGrid.CaptionHeight) * grid.Width + SampleGrid.TitleWidth, pixels, y * width, width);
        return SKImage.FromPixelCopy(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque), pixels)
               ?? throw new InvalidOperationException($"{path}: Skia could not wrap the cropped pixels");
    }

    /// <summary>The loss rows of log.csv (event rows and rows with non-finite losses left out).</summary>
    static List<TrainingLogRow> ReadLog(string ganRunFolder)
    {
        string path = Path.Combine(ganRunFolder, "log.csv");
        if (!File.Exists(path)) throw new UserError($"{path}: training log not found; is {ganRunFolder} a run folder of 'xraysynth gan train'?");
        var rows = new List<TrainingLogRow>();
        using (var table = Data.CsvTable.Open(path, ["kimg", "resolution", "loss_d", "loss_g"]))
            while (table.Read())
            {
                if (table.GetOrEmpty("event").Length > 0) continue;
                double d = Number(table, "loss_d"), g = Number(table, "loss_g");
                if (!double.IsFinite(d) || !double.IsFinite(g)) continue;
                rows.Add(new TrainingLogRow(0, Number(table, "kimg"), table.GetOrEmpty("phase"), (int)Number(table, "resolution"), 0, 0,
                    d, g, table.Has("gradient_penalty") ? Number(table, "gradient_penalty") : double.NaN, 0, 0, 0, ""));
            }
        if (rows.Count == 0) throw new UserError($"{path}: no loss rows yet (the trainer logs every log_every_steps steps)");
        return rows;
    }

    /// <summary>kimg of each rollback event in log.csv.</summary>
    static List<double> ReadRollbacks(string ganRunFolder)
    {
        var rollbacks = new List<double>();
        using var table = Data.CsvTable.Open(Path.Combine(ganRunFolder, "log.csv"), ["kimg"]);
        while (table.Read())
            if (table.GetOrEmpty("event").StartsWith("rollback", StringComparison.Ordinal))
                rollbacks.Add(Number(table, "kimg"));
        return rollbacks;
    }

    static double Number(Data.CsvTable table, string column)
    {
        string text = table.GetOrEmpty(column);
        if (text.Length == 0) return double.NaN;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new DataError(table.File, table.Line, $"{column}: '{text}' is not a number");
        return value;
    }

    [GeneratedRegex(@"^fakes(\d+(?:\.\d+)?)kimg\.png$")]
    private static partial Regex GridName();
}
