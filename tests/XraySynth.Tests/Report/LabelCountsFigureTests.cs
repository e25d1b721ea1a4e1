using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class LabelCountsFigureTests
{
    [Fact]
    public void Grouped_bars_have_count_ticks_on_a_log_axis_and_zero_counts_are_allowed()
    {
        using var temp = new TempDirectory();
        string stem = temp.File("counts");
        var (_, svg) = FigureAssert.Valid(LabelCountsFigure.Save(["Cardiomegaly", "Hernia", "Mass"], [1200, 3, 0], [1200, 500, 40], stem),
            stem, LabelCountsFigure.Width, LabelCountsFigure.Height);
        var texts = FigureAssert.Texts(svg);
        Assert.Contains("1,000", texts);
        Assert.Contains("10", texts);
        Assert.Contains("images with the label (count, log scale)", texts);
        Assert.Contains("real + synthetic", texts);
        Assert.Contains("Hernia", texts);
    }

    [Fact]
    public void Mismatched_counts_are_a_bug() =>
        Assert.Throws<ArgumentException>(() => LabelCountsFigure.Save(["A", "B"], [1], [1, 2], "unused"));
}
