using System.Text;
using System.Text.RegularExpressions;

namespace XraySynth.Report;

/// <summary>
/// A <see cref="ReportDocument"/> as GitHub-flavoured Markdown: the title as the only level-1 heading, tables as pipe
/// tables (numbered, captioned, highlighted rows in bold, links to their CSV and LaTeX files), figures as numbered
/// images with captions and a link to the SVG. Text is escaped so it shows as written.
/// </summary>
public static partial class MarkdownRenderer
{
    /// <summary>The Markdown text of <paramref name="d"/>; links are relative to the report folder (see <see cref="ReportWriter"/>).</summary>
    public static string Render(ReportDocument d)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(Escape(d.Title)).Append("\n\n");
        int tables = 0, figures = 0;
        foreach (var block in d.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    heading.Validate();
                    text.Append('#', heading.Level).Append(' ').Append(Escape(heading.Text)).Append("\n\n");
                    break;
                case ParagraphBlock paragraph:
                    text.Append(Escape(paragraph.Text)).Append("\n\n");
                    break;
                case TableBlock table:
                    AppendTable(text, table.Table, ++tables);
                    break;
                case FigureBlock figure:
                    AppendFigure(text, figure, ++figures);
                    break;
                default:
                    throw new ArgumentException($"unknown report block {block.GetType().Name}");
            }
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>
    /// Escapes plain text so Markdown shows it as written: backslash-escapes <c>\ ` * _ [ ] &lt; &gt; | ~</c>, an
    /// entity-like <c>&amp;</c>, and a line start that would begin a heading, list, quote or rule.
    /// </summary>
    public static string Escape(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = new StringBuilder(lines[i].Length + 4);
            foreach (char c in lines[i])
            {
                if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~') line.Append('\\');
                line.Append(c);
            }
            string escaped = Entity().Replace(line.ToString(), m => "\\" + m.Value);
            escaped = BlockSymbolStart().Replace(escaped, m => m.Groups[1].Value + "\\" + m.Groups[2].Value);
            lines[i] = OrderedListStart().Replace(escaped, m => m.Groups[1].Value + "\\" + m.Groups[2].Value);
        }
        return string.Join("\n", lines);
    }

    /// <summary>A relative path as a Markdown link target: forward slashes; spaces, parentheses, angle brackets and '%' percent-encoded.</summary>
    public static string LinkTarget(string path)
    {
        var target = new StringBuilder();
        foreach (char c in path.Replace('\\', '/'))
            target.Append(c switch { ' ' => "%20", '(' => "%28", ')' => "%29", '<' => "%3C", '>' => "%3E", '%' => "%25", _ => c.ToString() });
        return target.ToString();
    }

    static void AppendTable(StringBuilder text, ReportTable table, int number)
    {
        table.Validate();
        text.Append("**Table ").Append(number).Append(".** ").Append(Escape(table.Caption)).Append("\n\n");
        text.Append('|');
        foreach (string column in table.Columns) text.Append(' ').Append(Cell(column, false)).Append(" |");
        text.Append("\n|");
        for (int c = 0; c < table.Columns.Count; c++) text.Append(table.IsNumericColumn(c) ? " ---: |" : " :--- |");
        text.Append('\n');
        for (int r = 0; r < table.Rows.Count; r++)
        {
            text.Append('|');
            foreach (string cell in table.Rows[r]) text.Append(' ').Append(Cell(cell, table.IsHighlighted(r))).Append(" |");
            text.Append('\n');
        }
        text.Append('\n');
        if (!string.IsNullOrWhiteSpace(table.Note)) text.Append('*').Append(Escape(table.Note.Trim())).Append("*\n\n");
        text.Append("Table files: [CSV](").Append(LinkTarget(ReportWriter.CsvPath(table))).Append(") · [LaTeX](")
            .Append(LinkTarget(ReportWriter.LatexPath(table))).Append(")\n\n");
    }

    static string Cell(string cell, bool bold)
    {
        string escaped = Escape(cell.Trim()).Replace("\n", " ");
        return bold && escaped.Length > 0 ? "**" + escaped + "**" : escaped;
    }

    static void AppendFigure(StringBuilder text, FigureBlock figure, int number)
    {
        string caption = Escape(figure.Caption).Replace("\n", " ");
        text.Append("![Figure ").Append(number).Append(". ").Append(caption).Append("](").Append(LinkTarget(figure.Figure.PngPath)).Append(")\n\n");
        text.Append("*Figure ").Append(number).Append(".* ").Append(caption)
            .Append(" ([SVG](").Append(LinkTarget(figure.Figure.SvgPath)).Append("))\n\n");
    }

    [GeneratedRegex(@"&(?=#?[A-Za-z0-9]+;)")]
    private static partial Regex Entity();

    /// <summary>A line start that Markdown would read as a heading, bullet, rule or setext underline.</summary>
    [GeneratedRegex(@"^(\s*)([#+\-=])(?=[\s#=\-]|$)")]
    private static partial Regex BlockSymbolStart();

    /// <summary>A line start that Markdown would read as an ordered list item ("1." or "1)").</summary>
    [GeneratedRegex(@"^(\s*\d+)([.)])(?=\s|$)")]
    private static partial Regex OrderedListStart();
}
