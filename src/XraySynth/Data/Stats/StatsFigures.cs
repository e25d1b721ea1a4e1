using System.Globalization;
using ScottPlot;

namespace XraySynth.Data.Stats;

/// <summary>PNG figures of <see cref="DatasetStats"/> drawn with ScottPlot 5.</summary>
public static class StatsFigures
{
    /// <summary>File name of the prevalence chart.</summary>
    public const string PrevalenceFile = "prevalence.png";

    /// <summary>File name of the co-occurrence heatmap.</summary>
    public const string CooccurrenceFile = "cooccurrence.png";

    /// <summary>Width of the saved figures in pixels.</summary>
    public const int Width = 1400;

    /// <summary>Height of the saved figures in pixels.</summary>
    public const int Height = 900;

    static readonly Color[] SplitColors = [Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c")];

    /// <summary>
    /// Grouped bars: prevalence (% of the split's images) per label and split, on a log-scale y axis
    /// (bars hold log10 of the percentage; ticks are labelled in percent). A label absent from a split has no bar.
    /// </summary>
    public static void SavePrevalence(DatasetStats stats, string path)
    {
        var plot = new Plot();
        var splits = stats.Splits.Where(s => s.Images > 0).ToList();
        var percents = splits.SelectMany(s => Enumerable.Range(0, stats.Labels.Count).Select(l => s.Prevalence(l) * 100)).Where(p => p > 0).ToList();
        double bottom = percents.Count == 0 ? -1 : Math.Floor(Math.Log10(percents.Min()));
        double top = percents.Count == 0 ? 2 : Math.Ceiling(Math.Log10(percents.Max()) + 1e-9);
        if (top <= bottom) top = bottom + 1;

        double width = 0.8 / Math.Max(1, splits.Count);
        var legend = new List<LegendItem>();
        for (int s = 0; s < splits.Count; s++)
        {
            Color color = SplitColors[s % SplitColors.Length];
            var bars = new List<Bar>();
            for (int l = 0; l < stats.Labels.Count; l++)
            {
                double percent = splits[s].Prevalence(l) * 100;
                if (percent <= 0) continue;
                bars.Add(new Bar
                {
                    Position = l + (s - (splits.Count - 1) / 2.0) * width,
                    Value = Math.Log10(percent),
                    ValueBase = bottom,
                    Size = width,
                    FillColor = color,
                    LineWidth = 0,
                });
            }
            plot.Add.Bars(bars);
            legend.Add(new LegendItem { LabelText = $"{splits[s].Name} ({splits[s].Images:N0} images)", FillColor = color });
        }

        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (double decade = bottom; decade <= top; decade++)
        {
            yTicks.AddMajor(decade, FormatPercent(Math.Pow(10, decade)));
            if (decade < top)
                for (int m = 2; m <= 9; m++) yTicks.AddMinor(decade + Math.Log10(m));
        }
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Left.Label.Text = "prevalence (% of the split's images, log scale)";
        plot.Axes.SetLimitsY(bottom, top);

        LabelTicks(plot.Axes.Bottom, stats.Labels, i => i);
        plot.Axes.SetLimitsX(-0.6, stats.Labels.Count - 0.4);
        plot.Axes.Bottom.Label.Text = "finding label";
        plot.Title($"{stats.DatasetName}: label prevalence per split");
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(legend, Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// Heatmap of images carrying both labels (diagonal: images carrying the label), colored on a log scale
    /// (log10(1 + count)) so rare pairs stay visible, each cell annotated with its count.
    /// </summary>
    public static void SaveCooccurrence(DatasetStats stats, string path)
    {
        int n = stats.Labels.Count;
        var plot = new Plot();
        var intensities = new double[n, n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
                intensities[a, b] = Math.Log10(1 + stats.Cooccurrence[a, b]);
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // Position gives the centres of the corner cells: cells centred on integers, row 0 (the first label) on top.
        heatmap.Position = new CoordinateRect(0, n - 1, 0, n - 1);
        double max = intensities.Cast<double>().DefaultIfEmpty(0).Max();
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                var text = plot.Add.Text(stats.Cooccurrence[a, b].ToString(CultureInfo.InvariantCulture), b, n - 1 - a);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = n > 20 ? 8 : 11;
                text.LabelFontColor = intensities[a, b] > max * 0.6 ? Colors.Black : Colors.White;
            }

        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "images with both labels (log scale)";
        var barTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int decade = 0; decade <= Math.Ceiling(max); decade++)
        {
            int count = (int)Math.Pow(10, decade);
            if (Math.Log10(1 + count) <= max + 1e-9) barTicks.AddMajor(Math.Log10(1 + count), count.ToString("N0", CultureInfo.InvariantCulture));
        }
        barTicks.AddMajor(0, "0");
        colorBar.Axis.TickGenerator = barTicks;

        LabelTicks(plot.Axes.Bottom, stats.Labels, i => i);
        LabelTicks(plot.Axes.Left, stats.Labels, i => n - 1 - i, rotate: false);
        plot.Axes.Bottom.Label.Text = "label";
        plot.Axes.Left.Label.Text = "label";
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.Title($"{stats.DatasetName}: label co-occurrence (images carrying both labels, all splits)");
        plot.SavePng(path, Width + 100, Height + 100);
    }

    static void LabelTicks(IAxis axis, IReadOnlyList<string> labels, Func<int, double> position, bool rotate = true)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < labels.Count; i++) ticks.AddMajor(position(i), labels[i]);
        axis.TickGenerator = ticks;
        if (rotate)
        {
            axis.TickLabelStyle.Rotation = -45;
            axis.TickLabelStyle.Alignment = Alignment.MiddleRight;
            if (axis is ScottPlot.AxisPanels.AxisBase panel) panel.MinimumSize = 140;
        }
    }

    static string FormatPercent(double percent) =>
        percent >= 1 ? percent.ToString("0.##", CultureInfo.InvariantCulture) + "%"
                     : percent.ToString("0.#####", CultureInfo.InvariantCulture) + "%";
}
