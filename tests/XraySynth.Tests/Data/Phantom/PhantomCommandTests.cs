using XraySynth.Data;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Phantom;

public sealed class PhantomCommandTests
{
    [Fact]
    public void Data_phantom_writes_a_loadable_dataset_and_records_its_command_line()
    {
        using var temp = new TempDirectory();
        string output = temp.File("phantom");
        var (code, stdout, stderr) = CliHarness.Run("data", "phantom", "--count", "40", "--size", "64", "--seed", "3", "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("phantom", stdout);
        var dataset = Dataset.Load(output);
        Assert.Equal(40, dataset.Images.Count);
        Assert.All(dataset.Images, i => Assert.Equal(64, i.Width));
        Assert.Equal(40, Directory.GetFiles(Path.Combine(output, "images"), "*.png").Length);
        Assert.StartsWith("xraysynth data phantom --count 40", dataset.Info.CreatedBy);
    }

    [Fact]
    public void Flags_override_the_config_files_phantom_section()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("x.yaml"), "phantom:\n  count: 7\n  size: 64\n  hernia_prevalence: 0.5\n");
        var (code, _, stderr) = CliHarness.Run("data", "phantom", "--config", temp.File("x.yaml"), "--size", "32", "--out", temp.File("d"));

        Assert.True(code == 0, stderr);
        var dataset = Dataset.Load(temp.File("d"));
        Assert.Equal(7, dataset.Images.Count);
        Assert.All(dataset.Images, i => Assert.Equal(32, i.Height));
    }

    [Fact]
    public void Bad_input_is_one_error_line_with_what_was_expected()
    {
        using var temp = new TempDirectory();
        var (code, _, stderr) = CliHarness.Run("data", "phantom", "--size", "100", "--out", temp.File("d"));
        Assert.Equal(2, code);
        Assert.Contains("power of two", stderr);
        Assert.DoesNotContain("   at ", stderr);

        File.WriteAllText(temp.File("x.yaml"), "phantom:\n  nodule_prevalence: 1.5\n");
        (code, _, stderr) = CliHarness.Run("data", "phantom", "--config", temp.File("x.yaml"), "--out", temp.File("e"));
        Assert.Equal(2, code);
        Assert.Contains("nodule_prevalence", stderr);

        Directory.CreateDirectory(temp.File("full"));
        File.WriteAllText(Path.Combine(temp.File("full"), "a.txt"), "x");
        (code, _, stderr) = CliHarness.Run("data", "phantom", "--count", "2", "--size", "32", "--out", temp.File("full"));
        Assert.Equal(2, code);
        Assert.Contains("--force", stderr);
    }
}
