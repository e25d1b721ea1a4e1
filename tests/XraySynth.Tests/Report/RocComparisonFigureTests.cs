using System.Globalization;
using XraySynth.Evaluate;
using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class RocComparisonFigureTests
{
    [Fact]
    public void Single_figure_names_each_series_with_its_auroc()
    {
        using var temp = new TempDirectory();
        var a = ReportSamples.Series("real only", 1, 0.2);
        var b = ReportSamples.Series("real + GAN", 2, 0.6);
        string stem = temp.File("roc-hernia");

        var (_, svg) = FigureAssert.Valid(RocComparisonFigure.Save("Hernia", [a, b], stem), stem, RocComparisonFigure.Width, RocComparisonFigure.Height);

        var texts = FigureAssert.Texts(svg);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"real + GAN (AUROC {Auroc.Compute(b.Scores, b.Truth):0.000})"), texts);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"real only (AUROC {Auroc.Compute(a.Scores, a.Truth):0.000})"), texts);
        Assert.Contains("false-positive rate (1 − specificity)", texts);
    }

    [Fact]
    public void Grid_has_one_panel_per_label_and_lists_a_one_class_series_as_undefined()
    {
        using var temp = new TempDirectory();
        var oneClass = new RocSeries("real only", [0.1, 0.5, 0.9], [false, false, false]);
        var panels = new List<(string, IReadOnlyList<RocSeries>)>
        {
            ("Hernia", [ReportSamples.Series("real only", 1, 0.3), ReportSamples.Series("real + GAN", 2, 0.5)]),
            ("Mass", [ReportSamples.Series("real only", 3, 0.3)]),
            ("Nodule", [oneClass]),
        };
        string stem = temp.File("roc-grid");

        var (_, svg) = FigureAssert.Valid(RocComparisonFigure.SaveGrid(panels, stem, columns: 2), stem,
            2 * RocComparisonFigure.PanelWidth, 2 * RocComparisonFigure.PanelHeight);

        var texts = FigureAssert.Texts(svg);
        Assert.Contains(texts, t => t.StartsWith("Hernia (", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Mass (", StringComparison.Ordinal));
        Assert.Contains("real only (AUROC undefined: one class)", texts);
    }
}
