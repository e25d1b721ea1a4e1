using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using XraySynth.Common;

namespace XraySynth.Report;

/// <summary>A <see cref="ReportTable"/> as a CSV file (RFC 4180 quoting by CsvHelper, UTF-8, header row first).</summary>
public static class CsvTable
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> atomically, creating the folder.</summary>
    public static void Write(ReportTable table, string path)
    {
        table.Validate();
        AtomicFile.WriteText(path, writer => Write(table, writer));
    }

    /// <summary>The CSV text of <paramref name="table"/> (as written by <see cref="Write(ReportTable, string)"/>).</summary>
    public static string Render(ReportTable table)
    {
        table.Validate();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(table, writer);
        return writer.ToString();
    }

    static void Write(ReportTable table, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (string column in table.Columns) csv.WriteField(column);
        csv.NextRecord();
        foreach (var row in table.Rows)
        {
            foreach (string cell in row) csv.WriteField(cell);
            csv.NextRecord();
        }
    }
}
