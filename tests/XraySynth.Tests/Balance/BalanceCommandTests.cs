using XraySynth.Balance;
using XraySynth.Data;
using XraySynth.Data.Checks;
using XraySynth.Tests.TestSupport;
using static XraySynth.Tests.Balance.BalanceFixture;

namespace XraySynth.Tests.Balance;

/// <summary><c>xraysynth balance</c> end to end on folders with image files.</summary>
public sealed class BalanceCommandTests
{
    static void WriteInputs(TempDirectory temp)
    {
        Write(Real(temp.File("real"), 40, ("Effusion", 12), ("Hernia", 2), ("Mass", 5), ("Nodule", 9)));
        Write(Synthetic(temp.File("syn-a"), "a", ("Hernia", 4)));
        Write(Synthetic(temp.File("syn-b"), "b", ("Hernia", 4), ("Mass", 10)));
    }

    [Fact]
    public void Balance_writes_the_merged_dataset_and_report_and_prints_the_table()
    {
        using var temp = new TempDirectory();
        WriteInputs(temp);
        var (code, output, error) = CliHarness.Run("balance", "--real", temp.File("real"), "--synthetic", $"{temp.File("syn-a")},{temp.File("syn-b")}",
            "--strategy", "target-count", "--target", "10", "--max-synthetic-fraction-per-label", "1", "--seed", "5", "--out", temp.File("out"));
        Assert.True(code == 0, error + output);
        Assert.Contains("train positives, target-count", output);
        Assert.Contains("Hernia *", output);
        Assert.Contains("Nodule: 9 of 10 train positives (1 short)", output + error);
        Assert.Contains("train: 40 real + 13 added = 53 images", output);

        var merged = Dataset.Load(temp.File("out"));
        DatasetChecks.EnsureValid(merged);
        Assert.Equal((10, 10, 9), (TrainPositives(merged, "Hernia"), TrainPositives(merged, "Mass"), TrainPositives(merged, "Nodule")));
        Assert.StartsWith("xraysynth balance --real", merged.Info.CreatedBy);
        foreach (string file in new[] { BalanceReport.CsvFile, BalanceReport.MarkdownFile, BalanceReport.FigureFile })
            Assert.True(File.Exists(Path.Combine(temp.File("out"), Balancer.ReportFolder, file)), file);
    }

    [Fact]
    public void Flags_override_the_config_section()
    {
        using var temp = new TempDirectory();
        WriteInputs(temp);
        File.WriteAllText(temp.File("c.yaml"), "balance:\n  strategy: oversample\n  target: 4\n  labels: [Hernia]\n  max_synthetic_fraction_per_label: 1\n");
        var (code, output, error) = CliHarness.Run("balance", "--config", temp.File("c.yaml"), "--real", temp.File("real"), "--target", "6", "--out", temp.File("out"));
        Assert.True(code == 0, error + output);
        var merged = Dataset.Load(temp.File("out"));
        Assert.Equal("tiny+oversample", merged.Info.Name);
        Assert.Equal(6, TrainPositives(merged, "Hernia"));
        Assert.Equal(4, merged.Images.Count(i => i.Id.Contains("#dup", StringComparison.Ordinal)));
    }

    [Fact]
    public void Dry_run_prints_the_plan_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        WriteInputs(temp);
        var (code, output, error) = CliHarness.Run("balance", "--real", temp.File("real"), "--synthetic", temp.File("syn-b"), "--strategy", "match-max",
            "--dry-run", "--out", temp.File("out"));
        Assert.True(code == 0, error + output);
        Assert.Contains("dry run", output);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void A_misspelled_strategy_is_one_error_line_with_a_suggestion()
    {
        using var temp = new TempDirectory();
        WriteInputs(temp);
        var (code, _, error) = CliHarness.Run("balance", "--real", temp.File("real"), "--synthetic", temp.File("syn-a"), "--strategy", "match-medain", "--out", temp.File("out"));
        Assert.Equal(2, code);
        Assert.Contains("did you mean 'match-median'", error);
    }

    [Fact]
    public void A_synthetic_folder_with_other_labels_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        WriteInputs(temp);
        var other = Synthetic(temp.File("syn-other"), "o", ("Hernia", 1));
        Write(other.With(info: other.Info with { Labels = ["Hernia", "Pneumonia"] }));
        var (code, _, error) = CliHarness.Run("balance", "--real", temp.File("real"), "--synthetic", temp.File("syn-other"), "--out", temp.File("out"));
        Assert.Equal(2, code);
        Assert.Contains("label vocabulary differs from the real dataset's", error);
        Assert.False(Directory.Exists(temp.File("out")));
    }
}
