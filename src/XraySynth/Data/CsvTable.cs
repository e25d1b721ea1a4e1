using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace XraySynth.Data;

/// <summary>
/// Reads a CSV file row by row with CsvHelper, by column name, reporting file and line for every problem.
/// Shared by manifest, boxes and importer readers.
/// </summary>
public sealed class CsvTable : IDisposable
{
    readonly StreamReader reader;
    readonly CsvReader csv;
    readonly Dictionary<string, int> columns;

    /// <summary>The file as named in messages.</summary>
    public string File { get; }

    /// <summary>Column names as in the header.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>1-based line of the current row in the file (the header is line 1).</summary>
    public int Line => csv.Parser.RawRow;

    CsvTable(string file, StreamReader reader, CsvReader csv, string[] header)
    {
        File = file; this.reader = reader; this.csv = csv; Header = header;
        columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++) columns.TryAdd(header[i].Trim(), i);
    }

    /// <summary>Opens <paramref name="path"/> and reads its header; checks that <paramref name="required"/> columns exist.</summary>
    /// <exception cref="DataError">Missing file, empty file, or missing columns.</exception>
    public static CsvTable Open(string path, IEnumerable<string> required)
    {
        if (!System.IO.File.Exists(path)) throw new DataError(path, 0, "file not found");
        var reader = new StreamReader(path);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            csv.Dispose();
            throw new DataError(path, 1, "empty file: expected a header line");
        }
        var table = new CsvTable(path, reader, csv, csv.HeaderRecord);
        var missing = required.Where(r => !table.columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            table.Dispose();
            throw new DataError(path, 1, $"missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; header is: {string.Join(",", table.Header)}");
        }
        return table;
    }

    /// <summary>Advances to the next row; false at the end of the file.</summary>
    public bool Read()
    {
        try { return csv.Read(); }
        catch (CsvHelperException e) { throw new DataError(File, Line, "malformed CSV: " + e.Message.Split('\n')[0]); }
    }

    /// <summary>Number of fields in the current row.</summary>
    public int FieldCount => csv.Parser.Count;

    /// <summary>Whether the current row has every header column.</summary>
    public bool IsComplete => csv.Parser.Count >= Header.Count(h => h.Length > 0);

    /// <summary>Whether the column exists.</summary>
    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>The field of <paramref name="column"/> in the current row ("" if the row is short).</summary>
    public string Get(string column) => Get(columns[column]);

    /// <summary>The field at <paramref name="index"/> in the current row ("" if the row is short).</summary>
    public string Get(int index) => index < csv.Parser.Count ? csv.Parser[index] ?? "" : "";

    /// <summary>The field of <paramref name="column"/>, or "" when the file has no such column.</summary>
    public string GetOrEmpty(string column) => columns.TryGetValue(column, out int i) ? Get(i) : "";

    /// <summary>A CsvHelper writer with invariant culture and '\n' line endings (stable files across platforms).</summary>
    public static CsvWriter CreateWriter(TextWriter writer) =>
        new(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });

    /// <inheritdoc />
    public void Dispose()
    {
        csv.Dispose();
        reader.Dispose();
    }
}
