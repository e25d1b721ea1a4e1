using System.Globalization;
using ScottPlot;

namespace XraySynth.Report;

/// <summary>
/// A forest plot: one row per label (top to bottom in order of first appearance, rare labels marked "*"), one coloured
/// marker and horizontal confidence-interval whisker per arm, arms offset vertically within the row, and a dashed line
/// at 0 (no effect). Estimates that are NaN are left out; intervals with a NaN end are drawn as the marker alone.
/// </summary>
public static class ForestPlot
{
    /// <summary>Width of the saved figure in pixels.</summary>
    public const int Width = 1200;

    /// <summary>Saves the forest plot of <paramref name="points"/> to <c>STEM.png</c> and <c>STEM.svg</c>.</summary>
    /// <param name="points">Estimates, one per (label, arm); labels and arms are shown in order of first appearance.</param>
    /// <param name="pathStem">Path without extension.</param>
    /// <param name="xLabel">X axis label with its unit, e.g. "AUROC gain vs real only (AUROC points)".</param>
    /// <param name="title">Figure title.</param>
    public static ReportFigure Save(IReadOnlyList<ForestPoint> points, string pathStem, string xLabel, string title)
    {
        if (points.Count == 0) throw new ArgumentException("a forest plot needs at least one point", nameof(points));
        var labels = points.Select(p => p.Label).Distinct().ToList();
        var arms = points.Select(p => p.Arm).Distinct().ToList();
        var rare = points.Where(p => p.Rare).Select(p => p.Label).ToHashSet();
        int rowHeight = Math.Max(44, 14 * arms.Count + 22);
        int height = 190 + labels.Count * rowHeight;

        var plot = new Plot();
        FigureStyle.Apply(plot);
        double band = arms.Count == 1 ? 0 : Math.Min(0.7, 0.16 * (arms.Count - 1));
        double cap = Math.Min(0.12, 0.35 / arms.Count);
        for (int l = 0; l < labels.Count; l++)
        {
            double rowY = labels.Count - 1 - l;
            if (l > 0)
            {
                var separator = plot.Add.HorizontalLine(rowY + 0.5);
                separator.LineColor = Colors.Gray.WithAlpha(0.35);
                separator.LineWidth = 1;
            }
            for (int a = 0; a < arms.Count; a++)
            {
                var point = points.FirstOrDefault(p => p.Label == labels[l] && p.Arm == arms[a]);
                if (point is null || !double.IsFinite(point.Estimate)) continue;
                double y = rowY + (arms.Count == 1 ? 0 : band / 2 - a * band / (arms.Count - 1));
                var color = FigureStyle.SeriesColor(a);
                if (double.IsFinite(point.Lower) && double.IsFinite(point.Upper))
                {
                    foreach (var (x1, y1, x2, y2) in new[] { (point.Lower, y, point.Upper, y), (point.Lower, y - cap, point.Lower, y + cap), (point.Upper, y - cap, point.Upper, y + cap) })
                    {
                        var line = plot.Add.Line(x1, y1, x2, y2);
                        line.LineColor = color;
                        line.LineWidth = 2.5f;
                        line.MarkerSize = 0;
                    }
                }
                var marker = plot.Add.Marker(point.Estimate, y, FigureStyle.SeriesMarker(a), 12, color);
                marker.MarkerLineColor = color;
                marker.MarkerLineWidth = 2;
            }
        }
        var zero = plot.Add.VerticalLine(0);
        zero.LineColor = Colors.Black;
        zero.LinePattern = LinePattern.Dashed;
        zero.LineWidth = 1.5f;

        var values = points.Where(p => double.IsFinite(p.Estimate))
            .SelectMany(p => new[] { p.Estimate, p.Lower, p.Upper }).Where(double.IsFinite).Append(0).ToList();
        double min = values.Min(), max = values.Max(), pad = Math.Max(1e-6, (max - min) * 0.08);
        plot.Axes.SetLimitsX(min - pad, max + pad);
        plot.Axes.SetLimitsY(-0.6, labels.Count - 0.4);

        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int l = 0; l < labels.Count; l++)
            yTicks.AddMajor(labels.Count - 1 - l, rare.Contains(labels[l]) ? labels[l] + " *" : labels[l]);
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.Axes.Bottom.Label.Text = xLabel;
        plot.Axes.Left.Label.Text = rare.Count > 0 ? "finding label (* = rare)" : "finding label";
        plot.Title(title);

        var legend = arms.Select((arm, a) => new LegendItem
        {
            LabelText = arm,
            MarkerShape = FigureStyle.SeriesMarker(a),
            MarkerFillColor = FigureStyle.SeriesColor(a),
            MarkerLineColor = FigureStyle.SeriesColor(a),
            MarkerSize = 12,
            LineColor = FigureStyle.SeriesColor(a),
            LineWidth = 2.5f,
        }).ToList();
        legend.Add(new LegendItem { LabelText = "no effect (0)", LineColor = Colors.Black, LinePattern = LinePattern.Dashed, LineWidth = 1.5f });
        if (rare.Count > 0) legend.Add(new LegendItem { LabelText = "* rare label" });
        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = FigureStyle.TickFontSize;
        return FigureFile.Save(plot, pathStem, Width, height);
    }

    /// <summary>Formats an estimate and its interval for tables, e.g. "0.031 [-0.004, 0.066]" (invariant culture; "n/a" when NaN).</summary>
    public static string Format(ForestPoint point, string format = "0.000")
    {
        if (!double.IsFinite(point.Estimate)) return "n/a";
        string F(double v) => v.ToString(format, CultureInfo.InvariantCulture);
        return double.IsFinite(point.Lower) && double.IsFinite(point.Upper) ? $"{F(point.Estimate)} [{F(point.Lower)}, {F(point.Upper)}]" : F(point.Estimate);
    }
}
