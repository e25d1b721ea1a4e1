using System.Text;
using System.Text.RegularExpressions;
using XraySynth.Common;
using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class HtmlRendererTests
{
    [Fact]
    public void Page_is_self_contained_with_every_figure_embedded()
    {
        using var temp = new TempDirectory();
        string a = ReportSamples.GradientPng(temp.File("figures/a.png"), 40, 30);
        ReportSamples.GradientPng(temp.File("figures/b c.png"), 20, 20, offset: 90);
        var document = new ReportDocument("Report <&>", [
            new ParagraphBlock("x < y & \"z\""),
            new TableBlock(ReportSamples.Tricky()),
            new FigureBlock(new ReportFigure("figures/a.png", "figures/a.svg"), "First"),
            new FigureBlock(new ReportFigure("figures/b c.png", "figures/b c.svg"), "Second <b>"),
        ]);

        string html = HtmlRenderer.Render(document, temp.Path);

        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("src=\"file", html);
        Assert.DoesNotContain("<link", html);
        var sources = Regex.Matches(html, "\\ssrc=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, sources.Count);
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s));
        Assert.Equal(Convert.ToBase64String(File.ReadAllBytes(a)), sources[0]["data:image/png;base64,".Length..]);
        Assert.All(Regex.Matches(html, "\\shref=\"([^\"]*)\"").Select(m => m.Groups[1].Value), h => Assert.StartsWith("data:", h));
        Assert.Contains("<title>Report &lt;&amp;&gt;</title>", html);
        Assert.Contains("<p>x &lt; y &amp; &quot;z&quot;</p>", html);
        Assert.Contains("Second &lt;b&gt;", html);
        Assert.Contains("data-loaded", html);
    }

    [Fact]
    public void Table_has_bold_highlighted_rows_and_downloadable_csv_and_latex()
    {
        using var temp = new TempDirectory();
        string html = HtmlRenderer.Render(new ReportDocument("t", [new TableBlock(ReportSamples.Tricky())]), temp.Path);
        Assert.Single(Regex.Matches(html, "<tr class=\"highlight\">"));
        Assert.Contains("<td><strong>Hernia_rare #1</strong></td>", html);
        Assert.Contains("<td>a|b, &quot;quoted&quot;</td>", html);
        var csvLink = Regex.Match(html, "download=\"auroc-gain.csv\" href=\"data:text/csv;charset=utf-8;base64,([^\"]+)\"");
        Assert.True(csvLink.Success);
        Assert.Equal(XraySynth.Report.CsvTable.Render(ReportSamples.Tricky()), Encoding.UTF8.GetString(Convert.FromBase64String(csvLink.Groups[1].Value)));
        Assert.Contains("download=\"auroc-gain.tex\"", html);
    }

    [Fact]
    public void A_missing_figure_is_a_user_error_naming_the_file()
    {
        using var temp = new TempDirectory();
        var document = new ReportDocument("t", [new FigureBlock(new ReportFigure("figures/none.png", "figures/none.svg"), "Missing")]);
        var error = Assert.Throws<UserError>(() => HtmlRenderer.Render(document, temp.Path));
        Assert.Contains("none.png", error.Message);
    }
}
