using System.Globalization;
using ScottPlot;

namespace XraySynth.Report;

/// <summary>
/// Label counts before and after balancing as grouped bars on a log-scale y axis, in the style of
/// <see cref="Balance.BalanceFigure"/>: bars hold log10 of the count, ticks are labelled in counts, zero counts have no bar.
/// </summary>
public static class LabelCountsFigure
{
    /// <summary>Size of the saved figure in pixels.</summary>
    public const int Width = 1400, Height = 900;

    /// <summary>Saves the grouped bars of <paramref name="before"/> and <paramref name="after"/> per label to <c>STEM.png</c> and <c>STEM.svg</c>.</summary>
    /// <param name="labels">Label names (x axis).</param>
    /// <param name="before">Count per label before (e.g. real train positives).</param>
    /// <param name="after">Count per label after (e.g. real + synthetic).</param>
    /// <param name="pathStem">Path without extension.</param>
    /// <param name="beforeName">Legend text of the first bars.</param>
    /// <param name="afterName">Legend text of the second bars.</param>
    /// <param name="title">Figure title.</param>
    public static ReportFigure Save(IReadOnlyList<string> labels, IReadOnlyList<int> before, IReadOnlyList<int> after, string pathStem,
        string beforeName = "real", string afterName = "real + synthetic", string title = "Training images per label before and after balancing")
    {
        if (labels.Count == 0) throw new ArgumentException("no labels to plot", nameof(labels));
        if (before.Count != labels.Count || after.Count != labels.Count)
            throw new ArgumentException($"{labels.Count} labels but {before.Count} 'before' and {after.Count} 'after' counts");
        var counts = before.Concat(after).Where(c => c > 0).ToList();
        double bottom = counts.Count == 0 ? -0.3 : Math.Floor(Math.Log10(counts.Min())) - 0.3;
        double top = counts.Count == 0 ? 1 : Math.Ceiling(Math.Log10(counts.Max()) + 0.15);

        var plot = new Plot();
        FigureStyle.Apply(plot);
        const double width = 0.4;
        var legend = new List<LegendItem>();
        foreach (var (name, values, offset, index) in new[] { (beforeName, before, -width / 2, 0), (afterName, after, width / 2, 1) })
        {
            var color = FigureStyle.SeriesColor(index);
            var bars = new List<Bar>();
            for (int i = 0; i < labels.Count; i++)
                if (values[i] > 0)
                    bars.Add(new Bar { Position = i + offset, Value = Math.Log10(values[i]), ValueBase = bottom, Size = width, FillColor = color, LineWidth = 0 });
            plot.Add.Bars(bars);
            legend.Add(new LegendItem { LabelText = name, FillColor = color });
        }
        for (int i = 0; i < labels.Count; i++)
            if (after[i] > 0)
            {
                var text = plot.Add.Text(after[i].ToString("N0", CultureInfo.InvariantCulture), i + width / 2, Math.Log10(after[i]));
                text.LabelAlignment = Alignment.LowerCenter;
                text.LabelFontSize = FigureStyle.MinimumFontSize;
            }

        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (double decade = Math.Ceiling(bottom); decade <= top; decade++)
        {
            yTicks.AddMajor(decade, Math.Pow(10, decade).ToString("N0", CultureInfo.InvariantCulture));
            if (decade < top)
                for (int m = 2; m <= 9; m++) yTicks.AddMinor(decade + Math.Log10(m));
        }
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Left.Label.Text = "images with the label (count, log scale)";
        plot.Axes.SetLimitsY(bottom, top);

        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < labels.Count; i++) xTicks.AddMajor(i, labels[i]);
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        if (plot.Axes.Bottom is ScottPlot.AxisPanels.AxisBase panel) panel.MinimumSize = 170;
        plot.Axes.SetLimitsX(-0.6, labels.Count - 0.4);
        plot.Axes.Bottom.Label.Text = "finding label";
        plot.Title(title);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(legend, Alignment.UpperRight);
        plot.Legend.FontSize = FigureStyle.TickFontSize;
        return FigureFile.Save(plot, pathStem, Width, Height);
    }
}
