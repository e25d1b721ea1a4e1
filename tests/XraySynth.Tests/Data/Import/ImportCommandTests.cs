using XraySynth.Data;
using XraySynth.Tests.TestSupport;
using static XraySynth.Tests.Data.Import.ImportFixtures;

namespace XraySynth.Tests.Data.Import;

public sealed class ImportCommandTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    void WriteNih(string labels)
    {
        Lines(temp.File("nih/Data_Entry_2017.csv"), NihHeader, NihRow("00000001_000.png", "Mass", 0, "1"), NihRow("00000002_000.png", labels, 0, "2"));
        Png(temp.File("nih/images/00000001_000.png"));
        Png(temp.File("nih/images/00000002_000.png"));
    }

    [Fact]
    public void Imports_and_records_the_command_line_in_dataset_json()
    {
        WriteNih("Nodule");
        var (code, output, error) = CliHarness.Run("data", "import", "nih", "--source", temp.File("nih"), "--out", temp.File("out"), "--seed", "3");
        Assert.True(code == 0, error);
        Assert.Contains("imported 2 images", output.Replace("\n", ""));
        var info = Dataset.Load(temp.File("out")).Info;
        Assert.StartsWith("xraysynth data import nih --source", info.CreatedBy);
        Assert.Contains("seed 3", info.Origin);
    }

    [Fact]
    public void Bad_input_is_one_error_line_with_file_and_line_and_exit_code_2_not_a_stack_trace()
    {
        WriteNih("Nodul");
        var (code, _, error) = CliHarness.Run("data", "import", "nih", "--source", temp.File("nih"), "--out", temp.File("out"));
        Assert.Equal(2, code);
        Assert.Contains($"error: {temp.File("nih/Data_Entry_2017.csv")}:3: 00000002_000.png: unknown label 'Nodul'", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Skip_bad_prints_the_skipped_count_and_writes_the_report()
    {
        WriteNih("Nodul");
        var (code, _, error) = CliHarness.Run("data", "import", "nih", "--source", temp.File("nih"), "--out", temp.File("out"), "--skip-bad");
        Assert.Equal(0, code);
        Assert.Contains("skipped 1 bad item(s)", error);
        Assert.True(File.Exists(temp.File("out/import-report.csv")));
    }

    [Fact]
    public void An_unknown_kind_is_rejected_by_the_parser()
    {
        var (code, _, error) = CliHarness.Run("data", "import", "dicom", "--source", "x", "--out", "y");
        Assert.NotEqual(0, code);
        Assert.Contains("dicom", error);
    }
}
