using System.Net;
using System.Text;
using XraySynth.Common;

namespace XraySynth.Report;

/// <summary>
/// A <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, every figure's PNG embedded as a
/// <c>data:</c> URI, each table's CSV and LaTeX downloadable from <c>data:</c> links, and no URL outside the page.
/// A tiny inline script marks each image on load with <c>data-loaded="1"</c> (decoded) or <c>"0"</c>, so a headless
/// browser's DOM dump shows whether every figure rendered (see <see cref="HeadlessBrowser"/>).
/// </summary>
public static class HtmlRenderer
{
    const string Style = """
        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #111; background: #fff; margin: 0; line-height: 1.5; }
        main { max-width: 68rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
        h1 { font-size: 1.9rem; border-bottom: 2px solid #111; padding-bottom: .3rem; }
        h2 { font-size: 1.45rem; margin-top: 2.2rem; } h3 { font-size: 1.2rem; } h4 { font-size: 1.05rem; }
        p { white-space: pre-line; }
        figure { margin: 1.8rem 0; }
        figcaption { font-size: .95rem; color: #333; margin: .4rem 0; }
        img { max-width: 100%; height: auto; display: block; border: 1px solid #ddd; }
        table { border-collapse: collapse; font-size: .95rem; border-top: 2px solid #111; border-bottom: 2px solid #111; }
        thead th { border-bottom: 1px solid #111; }
        th, td { padding: .25rem .7rem; text-align: left; vertical-align: top; }
        th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.highlight td { font-weight: bold; background: #f3f3f3; }
        .note { font-size: .85rem; color: #444; margin: .3rem 0; }
        .files { font-size: .85rem; }
        .files a { color: #1f4e99; }
        @media print { main { max-width: none; } a { color: inherit; } }
        """;

    /// <summary>Marks each image with data-loaded once the page (and so every embedded image) has loaded.</summary>
    const string Script = """
        window.addEventListener('load', function () {
          document.querySelectorAll('img').forEach(function (img) {
            img.setAttribute('data-loaded', img.complete && img.naturalWidth > 0 ? '1' : '0');
          });
        });
        """;

    /// <summary>The HTML page of <paramref name="d"/>; figure paths are resolved against <paramref name="folder"/> and their PNGs embedded.</summary>
    /// <exception cref="UserError">A figure's PNG file is missing.</exception>
    public static string Render(ReportDocument d, string folder)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta name=\"generator\" content=\"XraySynth\">\n");
        html.Append("<title>").Append(Encode(d.Title)).Append("</title>\n");
        html.Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(Encode(d.Title)).Append("</h1>\n");
        int tables = 0, figures = 0;
        foreach (var block in d.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    heading.Validate();
                    html.Append("<h").Append(heading.Level).Append('>').Append(Encode(heading.Text)).Append("</h").Append(heading.Level).Append(">\n");
                    break;
                case ParagraphBlock paragraph:
                    html.Append("<p>").Append(Encode(paragraph.Text.Trim())).Append("</p>\n");
                    break;
                case TableBlock table:
                    AppendTable(html, table.Table, ++tables);
                    break;
                case FigureBlock figure:
                    AppendFigure(html, figure, ++figures, folder);
                    break;
                default:
                    throw new ArgumentException($"unknown report block {block.GetType().Name}");
            }
        }
        html.Append("</main>\n<script>\n").Append(Script).Append("\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    static void AppendTable(StringBuilder html, ReportTable table, int number)
    {
        table.Validate();
        string id = "table-" + table.Name;
        html.Append("<figure class=\"table\" id=\"").Append(Encode(id)).Append("\">\n");
        html.Append("<figcaption><strong>Table ").Append(number).Append(".</strong> ").Append(Encode(table.Caption)).Append("</figcaption>\n");
        html.Append("<table>\n<thead><tr>");
        for (int c = 0; c < table.Columns.Count; c++)
            html.Append(table.IsNumericColumn(c) ? "<th class=\"num\">" : "<th>").Append(Encode(table.Columns[c])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.Rows.Count; r++)
        {
            bool bold = table.IsHighlighted(r);
            html.Append(bold ? "<tr class=\"highlight\">" : "<tr>");
            for (int c = 0; c < table.Columns.Count; c++)
            {
                string cell = Encode(table.Rows[r][c]);
                html.Append(table.IsNumericColumn(c) ? "<td class=\"num\">" : "<td>")
                    .Append(bold && cell.Length > 0 ? "<strong>" + cell + "</strong>" : cell).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (!string.IsNullOrWhiteSpace(table.Note)) html.Append("<p class=\"note\">").Append(Encode(table.Note.Trim())).Append("</p>\n");
        html.Append("<p class=\"files\">Download: ")
            .Append(DataLink(table.Name + ".csv", "text/csv", CsvTable.Render(table), "CSV")).Append(" · ")
            .Append(DataLink(table.Name + ".tex", "application/x-tex", LatexTable.Render(table), "LaTeX")).Append("</p>\n");
        html.Append("</figure>\n");
    }

    static string DataLink(string fileName, string mediaType, string content, string text) =>
        $"<a download=\"{Encode(fileName)}\" href=\"data:{mediaType};charset=utf-8;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(content))}\">{Encode(text)}</a>";

    static void AppendFigure(StringBuilder html, FigureBlock figure, int number, string folder)
    {
        string png = Path.Combine(folder, figure.Figure.PngPath);
        if (!File.Exists(png)) throw new UserError($"{png}: figure PNG not found (figure {number}, '{figure.Caption}'); save the figure before writing the report");
        string caption = $"Figure {number}. {figure.Caption}";
        html.Append("<figure class=\"figure\">\n<img alt=\"").Append(Encode(caption.ReplaceLineEndings(" "))).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(File.ReadAllBytes(png))).Append("\">\n");
        html.Append("<figcaption><strong>Figure ").Append(number).Append(".</strong> ").Append(Encode(figure.Caption)).Append("</figcaption>\n</figure>\n");
    }

    /// <summary>Plain text as HTML text or attribute value.</summary>
    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
