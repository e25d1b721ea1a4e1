using XraySynth.Report;

namespace XraySynth.Tests.Report;

public sealed class MarkdownRendererTests
{
    static ReportDocument Document() => new("Real vs synthetic: phantom", [
        new HeadingBlock(2, "Per-label AUROC"),
        new ParagraphBlock("Scores use *all* test images; see [1] and a_b | c."),
        new TableBlock(ReportSamples.Tricky()),
        new FigureBlock(new ReportFigure("figures/forest.png", "figures/forest.svg"), "AUROC gain per label (95% CI)"),
        new HeadingBlock(3, "# not a heading"),
    ]);

    [Fact]
    public void Renders_title_headings_table_and_figure_in_order()
    {
        string md = MarkdownRenderer.Render(Document());
        var lines = md.Split('\n');
        Assert.Equal("# Real vs synthetic: phantom", lines[0]);
        Assert.Contains("## Per-label AUROC", lines);
        Assert.Contains("### \\# not a heading", lines);
        Assert.Contains("**Table 1.** AUROC gain of real + GAN over real\\_only (95% CI) & p-values", lines);
        Assert.Contains("| label | AUROC A | gain B − A | p (Holm) |", lines);
        Assert.Contains("| :--- | :--- | :--- | :--- |", lines);
        Assert.Contains("![Figure 1. AUROC gain per label (95% CI)](figures/forest.png)", lines);
        Assert.Contains("*Figure 1.* AUROC gain per label (95% CI) ([SVG](figures/forest.svg))", lines);
        Assert.Contains("Table files: [CSV](tables/auroc-gain.csv) · [LaTeX](tables/auroc-gain.tex)", lines);
        Assert.True(Array.IndexOf(lines, "## Per-label AUROC") < Array.FindIndex(lines, l => l.StartsWith("**Table 1.**", StringComparison.Ordinal)));
    }

    [Fact]
    public void Table_rows_escape_pipes_keep_their_cell_count_and_bold_highlighted_rows()
    {
        var rows = MarkdownRenderer.Render(Document()).Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, rows.Count); // header, alignment, three rows
        Assert.All(rows, row => Assert.Equal(5, UnescapedPipes(row)));
        Assert.Equal("| **Hernia\\_rare #1** | **0.70** | **0.081 \\[0.020, 0.140\\]** | **0.012\\*** |", rows[3]);
        Assert.StartsWith("| a\\|b, \"quoted\" |", rows[4]);
        Assert.DoesNotContain("**", rows[2]);
    }

    [Theory]
    [InlineData("*bold*", "\\*bold\\*")]
    [InlineData("a_b_c", "a\\_b\\_c")]
    [InlineData("[x](y)", "\\[x\\](y)")]
    [InlineData("<script>", "\\<script\\>")]
    [InlineData("# title", "\\# title")]
    [InlineData("- item", "\\- item")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("AT&amp;T", "AT\\&amp;T")]
    [InlineData("0.81 [0.75, 0.86]", "0.81 \\[0.75, 0.86\\]")]
    [InlineData("plain 12.5%", "plain 12.5%")]
    [InlineData("-0.02 and 2.5", "-0.02 and 2.5")]
    [InlineData("---", "\\---")]
    public void Escape_keeps_text_literal(string text, string expected) => Assert.Equal(expected, MarkdownRenderer.Escape(text));

    [Fact]
    public void Link_targets_with_spaces_and_parentheses_are_percent_encoded()
    {
        Assert.Equal("figures/roc%20%28Hernia%29.png", MarkdownRenderer.LinkTarget("figures\\roc (Hernia).png"));
    }

    [Fact]
    public void A_heading_level_outside_two_to_four_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MarkdownRenderer.Render(new ReportDocument("t", [new HeadingBlock(1, "x")])));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarkdownRenderer.Render(new ReportDocument("t", [new HeadingBlock(5, "x")])));
    }

    static int UnescapedPipes(string row) => Enumerable.Range(0, row.Length).Count(i => row[i] == '|' && (i == 0 || row[i - 1] != '\\'));
}
