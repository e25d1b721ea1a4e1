using XraySynth.Common;
using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class SampleComparisonGridTests
{
    [Fact]
    public void Rows_of_real_then_synthetic_tiles_under_headers_with_images_embedded_in_the_svg()
    {
        using var temp = new TempDirectory();
        var real = Enumerable.Range(0, 3).Select(i => ReportSamples.GradientPng(temp.File($"real{i}.png"), 50 + 10 * i, 40, i * 30)).ToList();
        var fake = Enumerable.Range(0, 2).Select(i => ReportSamples.GradientPng(temp.File($"fake{i}.png"), 32, 32, 100 + i * 30)).ToList();
        string stem = temp.File("samples");

        var (png, svg) = FigureAssert.Valid(SampleComparisonGrid.Save([new SampleRow("Hernia", real, fake), new SampleRow("Mass", real.Take(1).ToList(), fake)], stem, tile: 64), stem);

        var texts = FigureAssert.Texts(svg);
        Assert.Equal(["real", "synthetic", "Hernia", "Mass"], texts);
        Assert.Equal(3 + 2 + 1 + 2, System.Text.RegularExpressions.Regex.Matches(svg, "<image[^>]*data:image/png;base64,").Count);
        Assert.True(png.Height >= 2 * 64 && png.Width >= 5 * 64);
    }

    [Fact]
    public void A_missing_or_undecodable_image_is_a_user_error_naming_the_file()
    {
        using var temp = new TempDirectory();
        string good = ReportSamples.GradientPng(temp.File("good.png"), 16, 16);
        File.WriteAllText(temp.File("bad.png"), "not a png");

        var missing = Assert.Throws<UserError>(() => SampleComparisonGrid.Save([new SampleRow("Hernia", [good], [temp.File("none.png")])], temp.File("s1")));
        Assert.Contains("none.png", missing.Message);
        Assert.Contains("Hernia", missing.Message);
        var bad = Assert.Throws<UserError>(() => SampleComparisonGrid.Save([new SampleRow("Mass", [temp.File("bad.png")], [good])], temp.File("s2")));
        Assert.Contains("bad.png", bad.Message);
        Assert.False(File.Exists(temp.File("s1.png")));
    }
}
