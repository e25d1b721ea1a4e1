using System.Diagnostics;
using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class LatexTableTests
{
    [Theory]
    [InlineData("a_b", "a\\_b")]
    [InlineData("50%", "50\\%")]
    [InlineData("A & B", "A \\& B")]
    [InlineData("#1", "\\#1")]
    [InlineData("$5", "\\$5")]
    [InlineData("{x}", "\\{x\\}")]
    [InlineData("~", "\\textasciitilde{}")]
    [InlineData("x^2", "x\\textasciicircum{}2")]
    [InlineData("a\\b", "a\\textbackslash{}b")]
    [InlineData("−0.02", "\\ensuremath{-}0.02")]
    [InlineData("p < 0.05 | q > 1", "p \\textless{} 0.05 \\textbar{} q \\textgreater{} 1")]
    [InlineData("plain text 0.81", "plain text 0.81")]
    public void Escape_makes_each_special_character_literal(string text, string expected) =>
        Assert.Equal(expected, LatexTable.Escape(text));

    [Fact]
    public void Table_is_booktabs_with_balanced_braces_and_a_cell_per_column()
    {
        var table = ReportSamples.Tricky();
        string tex = LatexTable.Render(table);

        Assert.True(BracesBalanced(tex), tex);
        int top = tex.IndexOf("\\toprule", StringComparison.Ordinal), mid = tex.IndexOf("\\midrule", StringComparison.Ordinal), bottom = tex.IndexOf("\\bottomrule", StringComparison.Ordinal);
        Assert.True(top > 0 && top < mid && mid < bottom, "toprule, midrule, bottomrule in order");
        Assert.Contains("\\begin{tabular}{llll}", tex); // the last row makes every column text
        var rows = TabularRows(tex);
        Assert.Equal(1 + table.Rows.Count, rows.Count);
        Assert.All(rows, row => Assert.Equal(table.Columns.Count, UnescapedAmpersands(row) + 1));
        Assert.Contains("\\caption{AUROC gain of real + GAN over real\\_only (95\\% CI) \\& p-values}", tex);
        Assert.Contains("\\label{tab:auroc-gain}", tex);
        Assert.Contains("{\\footnotesize Bold: rare labels; * p \\textless{} 0.05 after Holm.\\par}", tex);
    }

    [Fact]
    public void Highlighted_rows_are_bold_and_others_are_not()
    {
        var rows = TabularRows(LatexTable.Render(ReportSamples.Tricky()));
        Assert.Equal("\\textbf{Hernia\\_rare \\#1} & \\textbf{0.70} & \\textbf{0.081 [0.020, 0.140]} & \\textbf{0.012*}", rows[2]);
        Assert.DoesNotContain("\\textbf", rows[1]);
        Assert.DoesNotContain("\\textbf", rows[3]);
    }

    [Fact]
    public void Numeric_columns_with_intervals_are_right_aligned()
    {
        var table = new ReportTable("t", "c", ["label", "n", "AUROC (95% CI)", "note"],
            [["A", "1,200", "0.81 [0.75, 0.86]", "fine"], ["B", "", "−0.02 (−0.1, 0.05)", "n/a"]]);
        Assert.Contains("\\begin{tabular}{lrrl}", LatexTable.Render(table));
    }

    [Fact]
    public void A_row_with_the_wrong_cell_count_is_rejected()
    {
        var table = new ReportTable("t", "c", ["a", "b"], [["1"]]);
        var error = Assert.Throws<ArgumentException>(() => LatexTable.Render(table));
        Assert.Contains("row 0 has 1 cells, expected 2", error.Message);
    }

    [PdflatexFact]
    public void Pdflatex_compiles_the_table()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("doc.tex"),
            "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{booktabs}\n\\begin{document}\n" + LatexTable.Render(ReportSamples.Tricky()) + "\\end{document}\n");
        var start = new ProcessStartInfo(PdflatexFactAttribute.Pdflatex!, "-interaction=nonstopmode -halt-on-error doc.tex")
        { WorkingDirectory = temp.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "pdflatex timed out");
        Assert.True(process.ExitCode == 0, output);
        Assert.True(File.Exists(temp.File("doc.pdf")));
    }

    /// <summary>Braces balance, ignoring escaped ones (a backslash escapes the next character).</summary>
    static bool BracesBalanced(string tex)
    {
        int depth = 0;
        for (int i = 0; i < tex.Length; i++)
        {
            if (tex[i] == '%' && (i == 0 || tex[i - 1] != '\\')) { i = tex.IndexOf('\n', i); if (i < 0) break; continue; }
            if (tex[i] == '\\') { i++; continue; }
            if (tex[i] == '{') depth++;
            if (tex[i] == '}' && --depth < 0) return false;
        }
        return depth == 0;
    }

    /// <summary>The header and body rows of the tabular, without the trailing \\.</summary>
    static List<string> TabularRows(string tex) => tex.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.EndsWith("\\\\", StringComparison.Ordinal))
        .Select(l => l[..^2].Trim()).ToList();

    static int UnescapedAmpersands(string row) => Enumerable.Range(0, row.Length).Count(i => row[i] == '&' && (i == 0 || row[i - 1] != '\\'));
}
