using XraySynth.Tests.Data.Checks;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Stats;

public sealed class StatsCommandTests
{
    [Fact]
    public void Stats_prints_tables_and_writes_csv_and_png_files()
    {
        using var temp = new TempDirectory();
        TinyDataset.Write(temp.File("data"));
        var (code, output, error) = CliHarness.Run("data", "stats", temp.File("data"), "--out", temp.File("report"));
        Assert.True(code == 0, error);
        Assert.Contains("positives per label", output);
        Assert.Contains("2 (50.0%)", output);
        foreach (string file in new[] { "label_counts.csv", "cooccurrence.csv", "splits.csv", "prevalence.png", "cooccurrence.png" })
            Assert.True(File.Exists(temp.File($"report/{file}")), file);
    }
}
