using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Experiments;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
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

    [Fact]
    public void The_whole_pipeline_runs_end_to_end_on_a_tiny_phantom_and_resumes_from_its_state()
    {
        using var temp = new TempDirectory();
        var config = new QuickstartConfig
        {
            DataFolder = temp.File("q/phantom"), ReportFolder = temp.File("reports"), RunsFolder = temp.File("runs"),
            Images = 150, ImageSize = 32, TrainingSize = 32, GanKimg = 0.2, SyntheticPerLabel = 6, BalanceTarget = 12,
            ClassifierEpochs = 1, Bootstrap = 100, Seed = 2,
        };
        var runtime = XraySynth.Torch.TorchRuntime.Start(new XraySynth.Torch.TorchRuntimeOptions { Device = XraySynth.Torch.DeviceSpec.Cpu, Seed = 2 });
        var result = Quickstart.Run(config, "test", runtime, XraySynth.Common.NullReporter.Instance);

        Assert.NotNull(result.Summary);
        var labels = Dataset.Load(config.DataFolder).Vocabulary.Names;
        Assert.Equal(labels, result.Summary!.Labels);
        Assert.Equal(["real-only", "with-dcgan"], result.Summary.Arms);
        Assert.All(result.Summary.Rows, r => Assert.Equal(2, r.Seeds));
        var run = XraySynth.Experiments.Ablation.AblationRun.Open(result.AblationRun!);
        var balanced = Dataset.Load(run.Absolute(run.Result("cell-with-dcgan-s2")!.Outputs["dataset"]));
        Assert.Contains(balanced.Images, i => i.Source == ImageSource.Synthetic && i.Split == Split.Train);
        Assert.DoesNotContain(balanced.Images, i => i.Source == ImageSource.Synthetic && i.Split != Split.Train);
        Assert.True(File.Exists(Path.Combine(run.Path, "summary.csv")));
        Assert.True(File.Exists(Path.Combine(config.ReportFolder, "report.html")));
        Assert.Empty(XraySynth.Report.ReportLinks.Unresolved(Path.Combine(config.ReportFolder, "report.md")));

        var again = Quickstart.Run(config, "test", runtime, XraySynth.Common.NullReporter.Instance);
        Assert.Contains(again.Steps, s => s.StartsWith("ablate: all 6 jobs") && s.EndsWith(" kept"));
    }

    [Fact]
    public void On_a_gpu_the_quickstart_is_bigger_and_keeps_its_outputs_apart_from_the_cpu_run()
    {
        var cpu = new QuickstartConfig();
        var gpu = cpu.ForGpu();
        Assert.True(gpu.Images > cpu.Images && gpu.TrainingSize > cpu.TrainingSize && gpu.GanKimg > cpu.GanKimg && gpu.ClassifierEpochs > cpu.ClassifierEpochs);
        Assert.NotEqual(cpu.DataFolder, gpu.DataFolder);
        Assert.NotEqual(cpu.RunsFolder, gpu.RunsFolder);
        Assert.NotEqual(cpu.ReportFolder, gpu.ReportFolder);
        var custom = (cpu with { DataFolder = "mine/phantom" }).ForGpu();
        Assert.Equal("mine/phantom", custom.DataFolder);
    }

    [Fact]
    public void Bca_with_too_few_resamples_is_a_config_error_with_the_line()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("q.yaml"), "quickstart:\n  bootstrap: 500\n  bootstrap_method: bca\n");
        var error = Assert.Throws<XraySynth.Configuration.ConfigError>(() => XraySynth.Configuration.YamlConfig.Load<QuickstartConfig>(temp.File("q.yaml"), QuickstartConfig.Section));
        Assert.Contains("q.yaml:", error.Message);
        Assert.Contains("bootstrap_method bca needs at least 1000 resamples (got 500)", error.Message);
        var fine = temp.File("fine.yaml");
        File.WriteAllText(fine, "quickstart:\n  bootstrap: 1000\n  bootstrap_method: bca\n");
        Assert.Equal(XraySynth.Evaluate.BootstrapMethod.Bca, XraySynth.Configuration.YamlConfig.Load<QuickstartConfig>(fine, QuickstartConfig.Section).BootstrapMethod);
    }
}
