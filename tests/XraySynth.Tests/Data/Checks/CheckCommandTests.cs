using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Checks;

public sealed class CheckCommandTests
{
    [Fact]
    public void Clean_dataset_exits_zero_with_a_summary()
    {
        using var temp = new TempDirectory();
        TinyDataset.Write(temp.Path);
        var (code, output, error) = CliHarness.Run("data", "check", temp.Path, "--decode");
        Assert.Equal(0, code);
        Assert.Contains("7 checks: all passed", output);
        Assert.DoesNotContain("error:", error);
    }

    [Fact]
    public void Failing_dataset_exits_one_and_lists_each_problem_with_file_and_line()
    {
        using var temp = new TempDirectory();
        TinyDataset.Write(temp.Path, boxes: [new("nope", "A", 1, 1, 2, 2)]);
        File.Delete(temp.File("images/img2.png"));
        var (code, output, error) = CliHarness.Run("data", "check", temp.Path);
        Assert.Equal(1, code);
        Assert.Contains($"error: {temp.File("manifest.csv")}:3: image 'img2': file images/img2.png not found", error);
        Assert.Contains($"error: {temp.File("boxes.csv")}:2: box on image 'nope'", error);
        Assert.Contains("2 error(s)", output);
    }

    [Fact]
    public void Missing_dataset_folder_is_a_user_error_without_a_stack_trace()
    {
        using var temp = new TempDirectory();
        var (code, _, error) = CliHarness.Run("data", "check", temp.File("absent"));
        Assert.Equal(2, code);
        Assert.Contains("dataset folder not found", error);
        Assert.DoesNotContain("   at ", error);
    }
}
