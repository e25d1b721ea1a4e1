using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class ReportLinksTests
{
    [Fact]
    public void Reports_each_missing_relative_target_with_its_line()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("present.png"), "x");
        Directory.CreateDirectory(temp.File("tables"));
        File.WriteAllText(temp.File("tables/a b.csv"), "x");
        File.WriteAllText(temp.File("report.md"), string.Join("\n",
            "# Report",
            "![ok](present.png) and [csv](tables/a%20b.csv) and [anchor](#top) and [web](https://example.org/x.png)",
            "![broken](figures/missing.png)",
            "[also broken](<tables/none.tex> \"title\") and \\[not a link](nowhere.md)",
            "```",
            "[in code](skipped.md)",
            "```",
            "[ref]: refs/missing.bib",
            "<img src=\"img/missing.png\"> and `[code span](skipped2.md)` and ![data](data:image/png;base64,AAAA)"));

        var unresolved = ReportLinks.Unresolved(temp.File("report.md"));

        Assert.Equal(["figures/missing.png (line 3)", "<tables/none.tex> (line 4)", "refs/missing.bib (line 8)", "img/missing.png (line 9)"], unresolved);
    }

    [Fact]
    public void A_document_without_relative_links_has_none_unresolved()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("r.md"), "# Title\n\nText with \\[brackets\\] only.\n");
        Assert.Empty(ReportLinks.Unresolved(temp.File("r.md")));
    }
}
