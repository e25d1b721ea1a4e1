using System.Globalization;
using ScottPlot;

namespace XraySynth.Balance;

/// <summary>
/// The balance chart, in the style of <see cref="Data.Stats.StatsFigures"/>: per label, train positives before (real)
/// and after (real + added) as grouped bars on a log-scale y axis (bars hold log10 of the count, ticks are labelled in
/// counts), each "after" bar marked with the number added, and the common target as a dashed line where there is one.
/// </summary>
public static class BalanceFigure
{
    /// <summary>Width of the saved figure in pixels.</summary>
    public const int Width = 1400;

    /// <summary>Height of the saved figure in pixels.</summary>
    public const int Height = 900;

    static readonly Color RealColor = Color.FromHex("#1f77b4");
    static readonly Color AfterColor = Color.FromHex("#ff7f0e");
    static readonly Color TargetColor = Color.FromHex("#d62728");

    /// <summary>Draws the chart of <paramref name="plan"/> into the PNG file <paramref name="path"/>.</summary>
    public static void Save(BalancePlan plan, string path)
    {
        var labels = plan.PerLabel;
        int? target = CommonTarget(plan);
        var counts = labels.SelectMany(l => new[] { l.RealTrain, l.After }).Append(target ?? 0).Where(c => c > 0).ToList();
        // Half a decade below the smallest count keeps a bar of 1 visible; the top leaves room for the "+N" marks.
        double bottom = counts.Count == 0 ? -0.3 : Math.Floor(Math.Log10(counts.Min())) - 0.3;
        double top = counts.Count == 0 ? 1 : Math.Ceiling(Math.Log10(counts.Max()) + 0.15);

        var plot = new Plot();
        const double width = 0.4;
        string addedName = plan.Config.Strategy == BalanceStrategy.Oversample ? "duplicates" : "synthetic";
        var series = new (string Name, Color Color, Func<LabelBalance, int> Count, double Offset)[]
        {
            (string.Create(CultureInfo.InvariantCulture, $"real train positives ({plan.RealTrain:N0} train images)"), RealColor, l => l.RealTrain, -width / 2),
            (string.Create(CultureInfo.InvariantCulture, $"real + {addedName} ({plan.TrainAfter:N0} train images, {plan.SyntheticFraction * 100:0.#}% added)"), AfterColor, l => l.After, width / 2),
        };
        var legend = new List<LegendItem>();
        foreach (var (name, color, count, offset) in series)
        {
            var bars = new List<Bar>();
            for (int i = 0; i < labels.Count; i++)
                if (count(labels[i]) > 0)
                    bars.Add(new Bar { Position = i + offset, Value = Math.Log10(count(labels[i])), ValueBase = bottom, Size = width, FillColor = color, LineWidth = 0 });
            plot.Add.Bars(bars);
            legend.Add(new LegendItem { LabelText = name, FillColor = color });
        }
        for (int i = 0; i < labels.Count; i++)
            if (labels[i].Added > 0)
            {
                var text = plot.Add.Text("+" + labels[i].Added.ToString("N0", CultureInfo.InvariantCulture), i + width / 2, Math.Log10(labels[i].After));
                text.LabelAlignment = Alignment.LowerCenter;
                text.LabelFontSize = 11;
            }
        if (target is int t && t > 0)
        {
            var line = plot.Add.HorizontalLine(Math.Log10(t));
            line.LineColor = TargetColor;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1.5f;
            legend.Add(new LegendItem { LabelText = string.Create(CultureInfo.InvariantCulture, $"target ({t:N0} positives)"), LineColor = TargetColor, LinePattern = LinePattern.Dashed, LineWidth = 1.5f });
        }

        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (double decade = Math.Ceiling(bottom); decade <= top; decade++)
        {
            yTicks.AddMajor(decade, Math.Pow(10, decade).ToString("N0", CultureInfo.InvariantCulture));
            if (decade < top)
                for (int m = 2; m <= 9; m++) yTicks.AddMinor(decade + Math.Log10(m));
        }
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Left.Label.Text = "train images with the label (log scale)";
        plot.Axes.SetLimitsY(bottom, top);

        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < labels.Count; i++) xTicks.AddMajor(i, labels[i].Chosen ? labels[i].Label + " *" : labels[i].Label);
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        if (plot.Axes.Bottom is ScottPlot.AxisPanels.AxisBase panel) panel.MinimumSize = 140;
        plot.Axes.SetLimitsX(-0.6, labels.Count - 0.4);
        plot.Axes.Bottom.Label.Text = "finding label (* = chosen: topped up towards its target)";
        plot.Title($"{plan.Real.Info.Name}: train positives per label before and after balancing ({BalanceStrategyNames.Format(plan.Config.Strategy)})");
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(legend, Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>The target shared by every chosen label, or null when they differ (ratio) or none is chosen.</summary>
    static int? CommonTarget(BalancePlan plan)
    {
        var targets = plan.Chosen.Select(l => l.Target).Distinct().ToList();
        return targets.Count == 1 ? targets[0] : null;
    }
}
