using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Experiments;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments;

public sealed class QuickstartTests
{
    [Fact]
    public void Quickstart_builds_a_checked_split_prepared_phantom_and_resumes_without_redoing_work()
    {
        using var temp = new TempDirectory();
        var config = new QuickstartConfig { DataFolder = temp.File("phantom"), ReportFolder = temp.File("reports"), Images = 120, ImageSize = 32, TrainingSize = 16, Seed = 3 };

        var first = Quickstart.RunData(config, "test", XraySynth.Common.NullReporter.Instance);
        var dataset = Dataset.Load(config.DataFolder);
        Assert.Equal(120, dataset.Images.Count);
        Assert.All(Enum.GetValues<Split>(), s => Assert.Contains(dataset.Images, i => i.Split == s));
        Assert.True(File.Exists(Path.Combine(config.ReportFolder, "data-stats", "prevalence.png")));
        using (var cache = PreparedCache.Open(dataset, 16)) Assert.Equal(120, cache.Count);
        DateTime manifestWritten = File.GetLastWriteTimeUtc(Path.Combine(config.DataFolder, "manifest.csv"));

        var second = Quickstart.RunData(config, "test", XraySynth.Common.NullReporter.Instance);
        Assert.Contains(second.Steps, s => s.Contains("kept"));
        Assert.Contains(second.Steps, s => s.Contains("up to date"));
        Assert.Equal(manifestWritten, File.GetLastWriteTimeUtc(Path.Combine(config.DataFolder, "manifest.csv")));
        Assert.DoesNotContain(first.Steps, s => s.Contains("kept"));
    }
}
