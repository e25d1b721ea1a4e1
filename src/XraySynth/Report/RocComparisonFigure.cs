using System.Globalization;
using ScottPlot;
using SkiaSharp;
using XraySynth.Evaluate;

namespace XraySynth.Report;

/// <summary>
/// ROC curves of several classifiers on one label (AUROC in the legend, chance diagonal dashed), and the same as small
/// multiples, one panel per label. A series whose truth has one class only is listed as "AUROC undefined" without a curve.
/// </summary>
public static class RocComparisonFigure
{
    /// <summary>Size of a single ROC figure in pixels (square data area with room for labels).</summary>
    public const int Width = 760, Height = 720;

    /// <summary>Size of one panel of <see cref="SaveGrid"/> in pixels.</summary>
    public const int PanelWidth = 600, PanelHeight = 580;

    /// <summary>Saves the ROC curves of <paramref name="series"/> for <paramref name="label"/> to <c>STEM.png</c> and <c>STEM.svg</c>.</summary>
    public static ReportFigure Save(string label, IReadOnlyList<RocSeries> series, string pathStem) =>
        FigureFile.Save(Build(label, series), pathStem, Width, Height);

    /// <summary>Saves one ROC panel per label, <paramref name="columns"/> per row, to <c>STEM.png</c> and <c>STEM.svg</c>.</summary>
    public static ReportFigure SaveGrid(IReadOnlyList<(string Label, IReadOnlyList<RocSeries> Series)> panels, string pathStem, int columns)
    {
        if (panels.Count == 0) throw new ArgumentException("a ROC grid needs at least one panel", nameof(panels));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        columns = Math.Min(columns, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        var plots = panels.Select(p => Build(p.Label, p.Series)).ToList();
        return FigureFile.Save(pathStem, columns * PanelWidth, rows * PanelHeight, canvas =>
        {
            for (int i = 0; i < plots.Count; i++)
            {
                canvas.Save();
                canvas.Translate(i % columns * PanelWidth, i / columns * PanelHeight);
                canvas.ClipRect(SKRect.Create(PanelWidth, PanelHeight));
                plots[i].Render(canvas, PanelWidth, PanelHeight);
                canvas.Restore();
            }
        });
    }

    /// <summary>The ROC plot of <paramref name="series"/> on <paramref name="label"/>.</summary>
    static Plot Build(string label, IReadOnlyList<RocSeries> series)
    {
        var plot = new Plot();
        FigureStyle.Apply(plot);
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LineWidth = 1.5f;
        diagonal.MarkerSize = 0;
        diagonal.LegendText = "chance";
        for (int s = 0; s < series.Count; s++)
        {
            var (name, scores, truth) = series[s];
            var points = RocCurve.Points(scores, truth);
            if (points.Count == 0)
            {
                var empty = plot.Add.Scatter(Array.Empty<double>(), Array.Empty<double>());
                empty.Color = FigureStyle.SeriesColor(s);
                empty.LegendText = $"{name} (AUROC undefined: one class)";
                continue;
            }
            var line = plot.Add.Scatter(points.Select(p => p.Fpr).ToArray(), points.Select(p => p.Tpr).ToArray());
            line.Color = FigureStyle.SeriesColor(s);
            line.LinePattern = s % 2 == 0 ? LinePattern.Solid : LinePattern.DenselyDashed;
            line.MarkerSize = 0;
            line.LineWidth = 2.5f;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name} (AUROC {Auroc.Compute(scores, truth):0.000})");
        }
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Axes.Bottom.Label.Text = "false-positive rate (1 − specificity)";
        plot.Axes.Left.Label.Text = "true-positive rate (sensitivity)";
        int positives = series.Count > 0 ? series[0].Truth.Count(t => t) : 0;
        plot.Title(series.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{label} ({positives:N0} positive of {series[0].Truth.Length:N0})") : label);
        plot.ShowLegend(Alignment.LowerRight);
        plot.Legend.FontSize = FigureStyle.TickFontSize;
        return plot;
    }
}
