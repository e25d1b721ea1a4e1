using XraySynth.Data;
using XraySynth.Tests.Data.Checks;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Splitting;

public sealed class SplitCommandTests
{
    [Fact]
    public void Split_to_another_folder_writes_a_loadable_dataset_whose_paths_still_reach_the_images()
    {
        using var temp = new TempDirectory();
        TinyDataset.Write(temp.File("src"));
        var (code, output, error) = CliHarness.Run("data", "split", temp.File("src"), "--out", temp.File("out"), "--fractions", "0.5,0.25,0.25", "--seed", "4");
        Assert.True(code == 0, error);
        Assert.Contains("images", output);
        var result = Dataset.Load(temp.File("out"));
        Assert.Equal(TinyDataset.Images.Select(i => i.Id), result.Images.Select(i => i.Id));
        Assert.All(result.Images, i => Assert.True(File.Exists(result.FullPath(i)), i.Path));
        Assert.Equal(Split.Train, result.Images.Single(i => i.Id == "syn1").Split);
        Assert.True(File.Exists(temp.File("out/split.json")));
        Assert.Equal(0, CliHarness.Run("data", "check", temp.File("out")).ExitCode);
    }

    [Fact]
    public void Bad_fractions_are_a_user_error()
    {
        using var temp = new TempDirectory();
        TinyDataset.Write(temp.Path);
        var (code, _, error) = CliHarness.Run("data", "split", temp.Path, "--fractions", "0.7,0.2");
        Assert.Equal(2, code);
        Assert.Contains("expected three numbers", error);
    }

    [Fact]
    public void Keep_official_is_an_alias_of_keep_test()
    {
        using var temp = new TempDirectory();
        TinyDataset.Write(temp.Path);
        var (code, _, error) = CliHarness.Run("data", "split", temp.Path, "--keep-official");
        Assert.True(code == 0, error);
        Assert.Equal(Split.Test, Dataset.Load(temp.Path).Images.Single(i => i.Id == "img5").Split);
    }
}
