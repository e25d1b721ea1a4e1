using XraySynth.Common;
using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class ReportWriterTests
{
    static ReportDocument Document(string folder)
    {
        var forest = ForestPlot.Save([new ForestPoint("Hernia", "real + GAN", 0.05, 0.01, 0.09, true), new ForestPoint("Mass", "real + GAN", -0.01, -0.04, 0.02, false)],
            Path.Combine(folder, "figures", "forest gain"), "AUROC gain (AUROC points)", "Gain");
        var second = new ReportTable("counts", "Counts", ["label", "n"], [["Hernia", "12"]]);
        return new ReportDocument("Report", [
            new HeadingBlock(2, "Results"),
            new TableBlock(ReportSamples.Tricky()),
            new TableBlock(second),
            new FigureBlock(new ReportFigure(Path.GetRelativePath(folder, forest.PngPath), Path.GetRelativePath(folder, forest.SvgPath)), "AUROC gain"),
        ]);
    }

    [Fact]
    public void Writes_markdown_html_and_every_table_as_csv_and_latex_with_all_links_resolving()
    {
        using var temp = new TempDirectory();
        var written = ReportWriter.Write(Document(temp.Path), temp.Path);

        string[] expected = ["tables/auroc-gain.csv", "tables/auroc-gain.tex", "tables/counts.csv", "tables/counts.tex", "report.md", "report.html"];
        Assert.Equal(expected.Select(e => Path.GetFullPath(temp.File(e))), written);
        Assert.All(written, path => Assert.True(File.Exists(path), path));
        Assert.Equal(LatexTable.Render(ReportSamples.Tricky()), File.ReadAllText(temp.File("tables/auroc-gain.tex")));
        Assert.Empty(ReportLinks.Unresolved(temp.File("report.md")));
        Assert.Contains("](figures/forest%20gain.png)", File.ReadAllText(temp.File("report.md")));
    }

    [Fact]
    public void A_broken_link_planted_in_the_written_markdown_is_found()
    {
        using var temp = new TempDirectory();
        ReportWriter.Write(Document(temp.Path), temp.Path);
        File.Delete(temp.File("tables/counts.tex"));
        File.AppendAllText(temp.File("report.md"), "\n![planted](figures/planted.png)\n");

        var unresolved = ReportLinks.Unresolved(temp.File("report.md"));

        Assert.Equal(2, unresolved.Count);
        Assert.StartsWith("tables/counts.tex (line ", unresolved[0]);
        Assert.StartsWith("figures/planted.png (line ", unresolved[1]);
    }

    [Fact]
    public void Missing_figure_files_and_duplicate_table_names_are_refused_before_writing()
    {
        using var temp = new TempDirectory();
        var missing = new ReportDocument("t", [new FigureBlock(new ReportFigure("f.png", "f.svg"), "c")]);
        Assert.Contains("f.png", Assert.Throws<UserError>(() => ReportWriter.Write(missing, temp.Path)).Message);
        var twice = new ReportDocument("t", [new TableBlock(ReportSamples.Tricky()), new TableBlock(ReportSamples.Tricky())]);
        Assert.Contains("auroc-gain", Assert.Throws<ArgumentException>(() => ReportWriter.Write(twice, temp.Path)).Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    public void A_table_name_that_is_not_a_file_stem_is_rejected(string name)
    {
        var table = ReportSamples.Tricky() with { Name = name };
        Assert.Throws<ArgumentException>(table.Validate);
    }
}
