namespace XraySynth.Report;

/// <summary>
/// A table of preformatted cells (numbers already formatted by the caller, invariant culture).
/// </summary>
/// <param name="Name">File stem of the table's CSV and LaTeX files, e.g. <c>auroc-gain</c> (letters, digits, '-', '_', '.').</param>
/// <param name="Caption">Plain-text caption.</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Rows">Rows of cells, each with one cell per column.</param>
/// <param name="HighlightRows">Indices of rows to emphasise (e.g. rare labels): bold in Markdown, HTML and LaTeX.</param>
/// <param name="Note">Optional footnote shown under the table (e.g. "Bold: rare labels. CI: 95% patient bootstrap.").</param>
public sealed record ReportTable(string Name, string Caption, IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlySet<int>? HighlightRows = null, string? Note = null)
{
    /// <summary>True when row <paramref name="row"/> is highlighted.</summary>
    public bool IsHighlighted(int row) => HighlightRows?.Contains(row) == true;

    /// <summary>
    /// True for a column other than the first (names) whose every non-empty cell is a number, optionally with a
    /// percent sign, an interval and a footnote mark (<c>0.81 [0.75, 0.86]</c>): right-aligned in Markdown, HTML and LaTeX.
    /// </summary>
    public bool IsNumericColumn(int column)
    {
        if (column == 0) return false;
        var cells = Rows.Select(r => r[column]).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        return cells.Count > 0 && cells.All(NumericCell.IsNumeric);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the name is not a plain file stem, there are no columns, a row's
    /// cell count differs from the column count, or a highlighted row does not exist (bugs in the caller).
    /// </summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name) || Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || Name.StartsWith('.'))
            throw new ArgumentException($"table name '{Name}' must be a file stem of letters, digits, '-', '_' or '.'", nameof(Name));
        if (Columns.Count == 0) throw new ArgumentException($"table '{Name}' has no columns", nameof(Columns));
        for (int r = 0; r < Rows.Count; r++)
            if (Rows[r].Count != Columns.Count)
                throw new ArgumentException($"table '{Name}': row {r} has {Rows[r].Count} cells, expected {Columns.Count} (one per column)", nameof(Rows));
        foreach (int r in HighlightRows ?? new HashSet<int>())
            if (r < 0 || r >= Rows.Count)
                throw new ArgumentException($"table '{Name}': highlighted row {r} does not exist ({Rows.Count} rows)", nameof(HighlightRows));
    }
}
