using XraySynth.Common;

namespace XraySynth.Report;

/// <summary>
/// Writes a report folder: <c>report.md</c>, a self-contained <c>report.html</c>, and <c>tables/NAME.csv</c> and
/// <c>tables/NAME.tex</c> for every table. Figures are saved beforehand (their paths are relative to the folder).
/// </summary>
public static class ReportWriter
{
    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>File name of the HTML report.</summary>
    public const string HtmlFile = "report.html";

    /// <summary>Folder of the table files, relative to the report folder.</summary>
    public const string TablesFolder = "tables";

    /// <summary>The CSV file of <paramref name="table"/>, relative to the report folder.</summary>
    public static string CsvPath(ReportTable table) => $"{TablesFolder}/{table.Name}.csv";

    /// <summary>The LaTeX file of <paramref name="table"/>, relative to the report folder.</summary>
    public static string LatexPath(ReportTable table) => $"{TablesFolder}/{table.Name}.tex";

    /// <summary>Writes <paramref name="document"/> into <paramref name="folder"/> (created if needed); returns the full paths written (tables first, then report.md and report.html).</summary>
    /// <exception cref="UserError">A figure's PNG or SVG file is missing.</exception>
    /// <exception cref="ArgumentException">Two tables share a name, or a table or heading is malformed (bugs in the caller).</exception>
    public static IReadOnlyList<string> Write(ReportDocument document, string folder)
    {
        var tables = document.Tables.ToList();
        foreach (var table in tables) table.Validate();
        var duplicate = tables.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two tables are named '{duplicate.Key}': table names are file names and must differ");
        foreach (var figure in document.Figures)
            foreach (string path in new[] { figure.PngPath, figure.SvgPath })
                if (!File.Exists(Path.Combine(folder, path)))
                    throw new UserError($"{Path.Combine(folder, path)}: figure file not found; save the figure before writing the report");

        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var table in tables)
        {
            string csv = Path.GetFullPath(Path.Combine(folder, CsvPath(table)));
            CsvTable.Write(table, csv);
            string tex = Path.GetFullPath(Path.Combine(folder, LatexPath(table)));
            string latex = LatexTable.Render(table);
            AtomicFile.WriteText(tex, w => w.Write(latex));
            written.Add(csv);
            written.Add(tex);
        }
        string markdown = Path.GetFullPath(Path.Combine(folder, MarkdownFile));
        string markdownText = MarkdownRenderer.Render(document);
        AtomicFile.WriteText(markdown, w => w.Write(markdownText));
        written.Add(markdown);
        string html = Path.GetFullPath(Path.Combine(folder, HtmlFile));
        string htmlText = HtmlRenderer.Render(document, folder);
        AtomicFile.WriteText(html, w => w.Write(htmlText));
        written.Add(html);
        return written;
    }
}
