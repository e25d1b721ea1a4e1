using System.Globalization;
using XraySynth.Data;

namespace XraySynth.Web.Catalog;

/// <summary>The numeric columns of a CSV log (log.csv, quality.csv) for plotting in the page: non-numbers become null.</summary>
/// <param name="Columns">Column names.</param>
/// <param name="Rows">Values per row, null where empty or not a number.</param>
public sealed record NumericTable(IReadOnlyList<string> Columns, IReadOnlyList<double?[]> Rows)
{
    /// <summary>Reads <paramref name="path"/> (rows with a non-empty <c>event</c> column, e.g. rollbacks, are left out); null when the file does not exist.</summary>
    /// <exception cref="DataError">The file cannot be parsed as CSV.</exception>
    public static NumericTable? Read(string path, int maxRows = 20_000)
    {
        if (!File.Exists(path)) return null;
        using var table = CsvTable.Open(path, []);
        string[] columns = [.. table.Header.Where(h => h.Length > 0 && h != "event")];
        var rows = new List<double?[]>();
        while (table.Read())
        {
            if (table.GetOrEmpty("event").Length > 0) continue;
            rows.Add([.. columns.Select(c => double.TryParse(table.GetOrEmpty(c), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : (double?)null)]);
        }
        // Long runs: keep every k-th row (and the last) so the page stays light.
        if (rows.Count > maxRows)
        {
            int step = (int)Math.Ceiling(rows.Count / (double)maxRows);
            rows = [.. rows.Where((_, i) => i % step == 0 || i == rows.Count - 1)];
        }
        return new NumericTable(columns, rows);
    }
}
