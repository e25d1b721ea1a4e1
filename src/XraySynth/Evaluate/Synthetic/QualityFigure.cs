using ScottPlot;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>quality.png: FID per set (all, then each label), synthetic beside the real-vs-real floor, and precision vs recall.</summary>
public static class QualityFigure
{
    static readonly Color SyntheticColor = Color.FromHex("#d62728");
    static readonly Color FloorColor = Color.FromHex("#1f77b4");

    /// <summary>Saves the two panels side by side into <paramref name="path"/>.</summary>
    public static void Save(string path, QualityReport report)
    {
        var rows = new[] { report.Overall }.Concat(report.PerLabel).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();

        var fid = multiplot.GetPlot(0);
        var bars = new List<Bar>();
        for (int i = 0; i < rows.Length; i++)
        {
            if (double.IsFinite(rows[i].Fid)) bars.Add(new Bar { Position = i * 3, Value = rows[i].Fid, FillColor = SyntheticColor });
            if (double.IsFinite(rows[i].FidFloor)) bars.Add(new Bar { Position = i * 3 + 1, Value = rows[i].FidFloor, FillColor = FloorColor });
        }
        fid.Add.Bars(bars);
        fid.Axes.Bottom.SetTicks(rows.Select((_, i) => i * 3 + 0.5).ToArray(), rows.Select(r => r.Label ?? "all").ToArray());
        fid.Axes.Bottom.TickLabelStyle.Rotation = 45;
        fid.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        fid.Axes.Bottom.MinimumSize = 110;                                                     // room for rotated label names
        fid.Axes.Margins(bottom: 0, top: 0.3);
        fid.Title($"FID ({report.Features})");
        fid.Axes.Left.Label.Text = "Fréchet distance";
        fid.Legend.ManualItems.Add(new LegendItem { LabelText = "synthetic vs real train", FillColor = SyntheticColor });
        fid.Legend.ManualItems.Add(new LegendItem { LabelText = "held-out real vs real train (floor)", FillColor = FloorColor });
        fid.ShowLegend(Alignment.UpperRight);

        var pr = multiplot.GetPlot(1);
        var labels = new List<PointLabel>();
        foreach (var (color, name, floor) in new[] { (SyntheticColor, "synthetic", false), (FloorColor, "held-out real (floor)", true) })
        {
            var points = rows.Select(r => floor ? (r.RecallFloor, r.PrecisionFloor) : (r.Recall, r.Precision)).ToArray();
            var scatter = pr.Add.ScatterPoints(points.Select(p => p.Item1).ToArray(), points.Select(p => p.Item2).ToArray(), color);
            scatter.MarkerSize = 9;
            scatter.LegendText = name;
            for (int i = 0; i < rows.Length; i++)
                if (double.IsFinite(points[i].Item1) && double.IsFinite(points[i].Item2))
                    labels.Add(new PointLabel(rows[i].Label ?? "all", points[i].Item1, points[i].Item2, color));
        }
        foreach (var (label, y) in PlaceLabels(labels))
        {
            bool left = label.X > RightSide;
            var text = pr.Add.Text(label.Text, label.X, y);
            text.LabelFontSize = 10;
            text.LabelFontColor = label.Color;
            text.LabelAlignment = left ? Alignment.MiddleRight : Alignment.MiddleLeft;
            text.LabelOffsetX = left ? -7 : 7;
        }
        pr.Axes.SetLimits(-0.02, 1.05, -0.02, 1.05);
        pr.Axes.Bottom.Label.Text = "recall (diversity)";
        pr.Axes.Left.Label.Text = "precision (fidelity)";
        pr.Title("k-NN precision and recall");
        pr.ShowLegend(Alignment.LowerLeft);
        multiplot.SavePng(path, 1400, 600);
    }

    /// <summary>Recall beyond which a point's name goes to its left, so that names near recall 1 stay inside the panel.</summary>
    const double RightSide = 0.75;

    /// <summary>Least vertical distance (precision units) between two names on the same side of nearby points.</summary>
    const double LabelGap = 0.04;

    /// <summary>A point's name in the precision-recall panel.</summary>
    readonly record struct PointLabel(string Text, double X, double Y, Color Color);

    /// <summary>
    /// Heights of the names: from the top down, a name that would sit within <see cref="LabelGap"/> of one already placed
    /// on the same side of a point less than 0.2 recall away is moved down below it (labels of the synthetic set and the
    /// floor often fall on each other, e.g. per-label floors all near recall 1).
    /// </summary>
    static List<(PointLabel Label, double Y)> PlaceLabels(List<PointLabel> labels)
    {
        var placed = new List<(PointLabel Label, double Y)>();
        foreach (var label in labels.OrderByDescending(l => l.Y).ThenBy(l => l.X))
        {
            double y = label.Y;
            bool moved = true;
            while (moved)
            {
                moved = false;
                foreach (var (other, otherY) in placed)
                    if ((other.X > RightSide) == (label.X > RightSide) && Math.Abs(other.X - label.X) < 0.2 && Math.Abs(otherY - y) < LabelGap)
                    {
                        y = otherY - LabelGap;
                        moved = true;
                    }
            }
            placed.Add((label, y));
        }
        return placed;
    }
}
