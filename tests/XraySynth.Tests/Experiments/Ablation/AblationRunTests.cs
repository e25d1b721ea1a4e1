using XraySynth.Common;
using XraySynth.Evaluate;
using XraySynth.Experiments.Ablation;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

public sealed class AblationRunTests
{
    [Fact]
    public void Another_experiment_under_the_same_name_is_refused()
    {
        using var temp = new TempDirectory();
        string config = temp.File("a.yaml");
        File.WriteAllText(config, AblationResumeTests.TinyConfig(temp.Path));
        AblationRun.CreateOrContinue(AblationSettings.Load(config));

        File.WriteAllText(config, AblationResumeTests.TinyConfig(temp.Path).Replace("seeds: [1, 2]", "seeds: [1, 3]"));
        var error = Assert.Throws<UserError>(() => AblationRun.CreateOrContinue(AblationSettings.Load(config)));
        Assert.Contains("holds an ablation with other settings", error.Message);
    }

    [Fact]
    public void The_summary_bootstrap_may_change_between_runs_and_the_newest_is_kept()
    {
        using var temp = new TempDirectory();
        string config = temp.File("a.yaml");
        File.WriteAllText(config, AblationResumeTests.TinyConfig(temp.Path));
        var first = AblationRun.CreateOrContinue(AblationSettings.Load(config));
        Assert.Equal((100, BootstrapMethod.Percentile), (first.Settings.Ablation.Bootstrap, first.Settings.Ablation.BootstrapMethod));
        Assert.False(first.SummarySettingsChanged);
        Assert.False(AblationRun.CreateOrContinue(AblationSettings.Load(config)).SummarySettingsChanged);

        File.WriteAllText(config, AblationResumeTests.TinyConfig(temp.Path).Replace("bootstrap: 100", "bootstrap: 1000\n  bootstrap_method: bca"));
        var second = AblationRun.CreateOrContinue(AblationSettings.Load(config));
        Assert.Equal(first.Path, second.Path);
        Assert.True(second.SummarySettingsChanged);
        var stored = AblationRun.Open(second.Path).Settings.Ablation;
        Assert.Equal((1000, BootstrapMethod.Bca), (stored.Bootstrap, stored.BootstrapMethod));
    }
}
