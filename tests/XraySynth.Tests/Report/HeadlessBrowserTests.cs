using System.Text.RegularExpressions;
using XraySynth.Data.Images;
using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class HeadlessBrowserTests
{
    [ChromiumFact]
    public void Every_figure_of_a_written_report_renders_in_chromium()
    {
        using var temp = new TempDirectory();
        string figures = temp.File("figures");
        var forest = ForestPlot.Save([new ForestPoint("Hernia", "real + GAN", 0.05, 0.01, 0.09, true), new ForestPoint("Mass", "real + GAN", -0.01, -0.04, 0.02, false)],
            Path.Combine(figures, "forest"), "AUROC gain (AUROC points)", "Gain");
        var roc = RocComparisonFigure.Save("Hernia", [ReportSamples.Series("real only", 1, 0.3), ReportSamples.Series("real + GAN", 2, 0.6)], Path.Combine(figures, "roc"));
        var counts = LabelCountsFigure.Save(["Hernia", "Mass"], [3, 40], [300, 40], Path.Combine(figures, "counts"));
        string tile = ReportSamples.GradientPng(temp.File("tile.png"), 24, 24);
        var samples = SampleComparisonGrid.Save([new SampleRow("Hernia", [tile, tile], [tile])], Path.Combine(figures, "samples"), tile: 48);
        var document = new ReportDocument("Browser check", [
            new TableBlock(ReportSamples.Tricky()),
            .. new[] { forest, roc, counts, samples }.Select(f => (ReportBlock)new FigureBlock(Relative(temp.Path, f), Path.GetFileName(f.PngPath))),
        ]);
        ReportWriter.Write(document, temp.Path);

        string dom = HeadlessBrowser.DumpDom(temp.File("report.html"));
        var images = Regex.Matches(dom, "<img\\b[^>]*>").Select(m => m.Value).ToList();
        Assert.Equal(4, images.Count);
        Assert.All(images, img => Assert.Contains("data-loaded=\"1\"", img));

        HeadlessBrowser.Screenshot(temp.File("report.html"), temp.File("shot.png"), 1000, 1400);
        var shot = ImageCodec.Decode(temp.File("shot.png"));
        Assert.Equal((1000, 1400), (shot.Width, shot.Height));
        Assert.True(shot.Pixels.Distinct().Count() >= 8, "screenshot is (nearly) blank");
    }

    [ChromiumFact]
    public void An_image_that_does_not_decode_is_marked_not_loaded()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("broken.png"), "not a png");
        File.WriteAllText(temp.File("broken.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        ReportWriter.Write(new ReportDocument("t", [new FigureBlock(new ReportFigure("broken.png", "broken.svg"), "broken")]), temp.Path);

        string dom = HeadlessBrowser.DumpDom(temp.File("report.html"));

        Assert.Contains("data-loaded=\"0\"", Regex.Match(dom, "<img\\b[^>]*>").Value);
    }

    [Fact]
    public void A_missing_page_or_browser_is_a_user_error_naming_it()
    {
        var error = Assert.Throws<XraySynth.Common.UserError>(() => HeadlessBrowser.DumpDom("/nonexistent/report.html"));
        Assert.Contains(HeadlessBrowser.FindChromium() is null ? "no Chromium found" : "/nonexistent/report.html", error.Message);
    }

    static ReportFigure Relative(string folder, ReportFigure figure) =>
        new(Path.GetRelativePath(folder, figure.PngPath), Path.GetRelativePath(folder, figure.SvgPath));
}
