using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Cache;

public sealed class PrepareCommandTests
{
    [Fact]
    public void Prepares_then_reports_the_cache_up_to_date()
    {
        using var dir = new TempDirectory();
        TinyDataset.Create(dir.Path);

        var (code, output, error) = CliHarness.Run("data", "prepare", dir.Path, "--size", "16", "--workers", "2");
        Assert.True(code == 0, error);
        Assert.Contains("prepared 10 images at 16 px", output);
        Assert.True(File.Exists(Path.Combine(dir.Path, "cache", "16", "cache.json")));

        (code, output, error) = CliHarness.Run("data", "prepare", dir.Path, "--size", "16");
        Assert.True(code == 0, error);
        Assert.Contains("cache up to date", output);

        (code, output, _) = CliHarness.Run("data", "prepare", dir.Path, "--size", "16", "--force");
        Assert.Equal(0, code);
        Assert.Contains("prepared 10 images", output);
    }

    [Fact]
    public void A_bad_image_fails_with_one_error_naming_it()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path, count: 3);
        File.WriteAllText(dataset.FullPath(dataset.Images[1]), "garbage");
        var (code, _, error) = CliHarness.Run("data", "prepare", dir.Path, "--size", "16");
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains("img001.png", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void A_missing_dataset_or_bad_size_is_one_error_line()
    {
        using var dir = new TempDirectory();
        var (code, _, error) = CliHarness.Run("data", "prepare", dir.File("absent"), "--size", "16");
        Assert.Equal(2, code);
        Assert.Contains("not found", error);

        TinyDataset.Create(dir.Path, count: 1);
        (code, _, error) = CliHarness.Run("data", "prepare", dir.Path, "--size", "2");
        Assert.Equal(2, code);
        Assert.Contains("--size 2", error);
    }
}
