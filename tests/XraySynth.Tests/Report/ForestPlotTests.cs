using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class ForestPlotTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Saves_png_and_svg_with_a_row_per_label_and_a_legend_entry_per_arm(int arms)
    {
        using var temp = new TempDirectory();
        string[] labels = ["Cardiomegaly", "Effusion", "Hernia"];
        var points = labels.SelectMany((label, l) => Enumerable.Range(0, arms).Select(a =>
            new ForestPoint(label, $"arm {a}", 0.01 * (a - l), 0.01 * (a - l) - 0.03, 0.01 * (a - l) + 0.03, label == "Hernia"))).ToList();
        string stem = temp.File("forest");

        var (png, svg) = FigureAssert.Valid(ForestPlot.Save(points, stem, "AUROC gain (AUROC points)", "Gain per label"), stem, ForestPlot.Width);

        var texts = FigureAssert.Texts(svg);
        Assert.Contains("Cardiomegaly", texts);
        Assert.Contains("Hernia *", texts);
        Assert.DoesNotContain("Effusion *", texts);
        Assert.Contains("* rare label", texts);
        Assert.Contains("AUROC gain (AUROC points)", texts);
        for (int a = 0; a < arms; a++) Assert.Contains($"arm {a}", texts);
        Assert.True(png.Height > 190 + labels.Length * 40);
    }

    [Fact]
    public void NaN_estimates_are_left_out_and_a_label_with_no_estimate_keeps_its_row()
    {
        using var temp = new TempDirectory();
        ForestPoint[] points =
        [
            new("Mass", "A", 0.02, 0.0, 0.04, false), new("Mass", "B", double.NaN, double.NaN, double.NaN, false),
            new("Hernia", "A", double.NaN, double.NaN, double.NaN, true), new("Hernia", "B", double.NaN, double.NaN, double.NaN, true),
            new("Nodule", "A", 0.01, double.NaN, double.NaN, false), new("Nodule", "B", -0.01, -0.05, 0.03, false),
        ];
        string stem = temp.File("forest-nan");
        var (_, svg) = FigureAssert.Valid(ForestPlot.Save(points, stem, "gain (points)", "missing estimates"), stem);
        Assert.Contains("Hernia *", FigureAssert.Texts(svg));
        Assert.DoesNotContain("NaN", svg);
    }

    [Fact]
    public void Format_writes_estimate_and_interval_in_invariant_culture()
    {
        Assert.Equal("0.031 [-0.004, 0.066]", ForestPlot.Format(new ForestPoint("L", "A", 0.0312, -0.0041, 0.0659, false)));
        Assert.Equal("n/a", ForestPlot.Format(new ForestPoint("L", "A", double.NaN, 0, 0, false)));
    }
}
