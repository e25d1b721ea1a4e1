namespace XraySynth.Report;

/// <summary>
/// A report as data: a title (the only level-1 heading) and blocks in reading order. Rendered to Markdown by
/// <see cref="MarkdownRenderer"/>, to self-contained HTML by <see cref="HtmlRenderer"/>, and written with its tables'
/// CSV and LaTeX files by <see cref="ReportWriter"/>.
/// </summary>
/// <param name="Title">Report title (level-1 heading and HTML title).</param>
/// <param name="Blocks">Headings, paragraphs, tables and figures in reading order.</param>
public sealed record ReportDocument(string Title, IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>The tables of the document in order.</summary>
    public IEnumerable<ReportTable> Tables => Blocks.OfType<TableBlock>().Select(b => b.Table);

    /// <summary>The figures of the document in order.</summary>
    public IEnumerable<ReportFigure> Figures => Blocks.OfType<FigureBlock>().Select(b => b.Figure);
}
