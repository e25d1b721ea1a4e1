using ScottPlot;
using XraySynth.Evaluate;

namespace XraySynth.Classify.Evaluation;

/// <summary>ROC curve figures: one PNG per label, one or two classifiers, with the chance diagonal and AUROC in the legend.</summary>
public static class RocFigure
{
    static readonly Color[] Colors = [Color.FromHex("#1f77b4"), Color.FromHex("#d62728")];

    /// <summary>Saves the ROC curves of <paramref name="curves"/> (name, scores, truth) for <paramref name="label"/>.</summary>
    public static void Save(string path, string label, IReadOnlyList<(string Name, double[] Scores, bool[] Truth)> curves)
    {
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = ScottPlot.Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "chance";
        for (int c = 0; c < curves.Count; c++)
        {
            var (name, scores, truth) = curves[c];
            var points = RocCurve.Points(scores, truth);
            if (points.Count == 0) continue;
            var line = plot.Add.Scatter(points.Select(p => p.Fpr).ToArray(), points.Select(p => p.Tpr).ToArray());
            line.Color = Colors[c % Colors.Length];
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = FormattableString.Invariant($"{name} (AUROC {Auroc.Compute(scores, truth):0.000})");
        }
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Axes.Bottom.Label.Text = "false-positive rate (1 − specificity)";
        plot.Axes.Left.Label.Text = "true-positive rate (sensitivity)";
        plot.Title($"ROC: {label}");
        // Below the axes, not over them: a legend in a corner hides the curve of a classifier near or below chance.
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 700, 720);
    }
}
