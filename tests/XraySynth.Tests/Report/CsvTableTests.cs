using System.Globalization;
using CsvHelper;
using XraySynth.Tests.TestSupport;
using ReportCsv = XraySynth.Report.CsvTable;

namespace XraySynth.Tests.Report;

public sealed class CsvTableTests
{
    [Fact]
    public void Cells_with_commas_quotes_and_pipes_round_trip_through_CsvHelper()
    {
        using var temp = new TempDirectory();
        var table = ReportSamples.Tricky();
        string path = temp.File("tables/auroc-gain.csv");
        ReportCsv.Write(table, path);

        using var reader = new CsvReader(new StreamReader(path), CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (reader.Read()) records.Add(Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i)!).ToArray());
        Assert.Equal(table.Columns, records[0]);
        Assert.Equal(table.Rows.Count, records.Count - 1);
        for (int r = 0; r < table.Rows.Count; r++) Assert.Equal(table.Rows[r], records[r + 1]);
        Assert.Contains("\"a|b, \"\"quoted\"\"\"", File.ReadAllText(path));
        Assert.DoesNotContain("\r", File.ReadAllText(path));
    }

    [Fact]
    public void Render_equals_the_written_file()
    {
        using var temp = new TempDirectory();
        ReportCsv.Write(ReportSamples.Tricky(), temp.File("t.csv"));
        Assert.Equal(File.ReadAllText(temp.File("t.csv")), ReportCsv.Render(ReportSamples.Tricky()));
    }
}
