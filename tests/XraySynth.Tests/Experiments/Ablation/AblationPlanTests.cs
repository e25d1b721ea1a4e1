using XraySynth.Configuration;
using XraySynth.Experiments.Ablation;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

public sealed class AblationPlanTests
{
    const string Yaml = """
        ablation:
          name: demo
          seeds: [1, 2, 3]
          generators:
            - name: dcgan
              gan: {kind: dcgan, kimg: 2}
            - name: pggan
              gan: {kind: pggan, kimg: 3, fade_kimg: 0.3, stable_kimg: 0.3}
            - name: unused
          arms:
            - name: real-only
            - name: dcgan-x1
              generator: dcgan
              strategy: ratio
              ratio: 1
            - name: pggan-500
              generator: pggan
              target: 500
            - name: oversample
              strategy: oversample
            - name: focal
              loss: focal
        classifier:
          epochs: 3
        """;

    [Fact]
    public void Plan_trains_each_used_generator_once_per_seed_and_runs_every_arm_for_every_seed()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.yaml"), Yaml);
        var settings = AblationSettings.Load(temp.File("a.yaml"));
        var plan = AblationPlan.From(settings.Ablation);

        Assert.Equal(15, plan.Cells.Count);
        Assert.Equal(["gan-dcgan-s1", "gan-dcgan-s2", "gan-dcgan-s3", "gan-pggan-s1", "gan-pggan-s2", "gan-pggan-s3"],
            plan.Jobs.Where(j => j.Kind == AblationJobKind.Gan).Select(j => j.Id));
        Assert.Equal(["data", "gan-pggan-s2"], plan.Job("cell-pggan-500-s2").DependsOn);
        Assert.Equal(["data"], plan.Job("cell-focal-s3").DependsOn);
        for (int i = 0; i < plan.Jobs.Count; i++)
            Assert.All(plan.Jobs[i].DependsOn, d => Assert.True(plan.Jobs.Take(i).Any(j => j.Id == d), $"{plan.Jobs[i].Id} comes after {d}"));

        var shared = AblationPlan.From(settings.Ablation with { GanPerSeed = false });
        Assert.Equal(["data", "gan-dcgan-s1"], shared.Job("cell-dcgan-x1-s3").DependsOn);
        Assert.Equal(2, shared.Jobs.Count(j => j.Kind == AblationJobKind.Gan));
    }

    [Fact]
    public void Resolved_settings_round_trip_through_their_yaml()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.yaml"), Yaml);
        var settings = AblationSettings.Load(temp.File("a.yaml"));
        File.WriteAllText(temp.File("resolved.yaml"), settings.ToYaml());
        var again = AblationSettings.Load(temp.File("resolved.yaml"));

        Assert.Equal(settings.ToYaml(), again.ToYaml());
        Assert.Equal(3, again.Classifier.Epochs);
        Assert.Equal(XraySynth.Balance.BalanceStrategy.Ratio, again.Ablation.Arms[1].Strategy);
        Assert.Equal(500, again.Ablation.Arms[2].Target);
        Assert.Equal(XraySynth.Classify.ClassifierLoss.Focal, again.Ablation.Arms[4].Loss);
        Assert.Equal(XraySynth.Gan.GanKind.Pggan, again.Ablation.Generators[1].Gan.Kind);
        Assert.True(Path.IsPathRooted(again.Ablation.Data));
    }

    [Theory]
    [InlineData("ablation:\n  arms:\n    - name: a\n      generator: nope\n  baseline: a\n", "names generator 'nope', which is not defined")]
    [InlineData("ablation:\n  arms:\n    - name: a\n    - name: a\n  baseline: a\n", "arm 'a' is defined twice")]
    [InlineData("ablation:\n  arms:\n    - name: a\n", "'real-only' is no arm")]
    [InlineData("ablation:\n  arms:\n    - name: a\n      strategy: ratio\n  baseline: a\n", "name a generator")]
    [InlineData("ablation:\n  seeds: []\n", "expected at least one seed")]
    [InlineData("ablation:\n  bootstrap: 200\n  bootstrap_method: bca\n", "bootstrap_method bca needs at least 1000 resamples (got 200)")]
    [InlineData("ablation:\n  bootstrap_method: bcx\n", "bootstrap_method")]
    [InlineData("ablation:\n  arms:\n    - name: a\n      lost: focal\n  baseline: a\n", "unknown key")]
    public void Bad_ablation_files_are_refused_with_the_line(string yaml, string expected)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("bad.yaml"), yaml);
        var error = Assert.Throws<ConfigError>(() => AblationSettings.Load(temp.File("bad.yaml")));
        Assert.Contains(expected, error.Message);
        Assert.Contains("bad.yaml:", error.Message);
    }

    [Fact]
    public void A_new_ablation_whose_sampled_pggan_cannot_finish_growing_is_refused_but_an_existing_one_still_opens()
    {
        using var temp = new TempDirectory();
        string yaml = $"ablation:\n  name: g\n  out: {temp.File("runs")}\n  generators:\n    - name: p\n      gan: {{kind: pggan, kimg: 3}}\n  arms:\n    - name: real-only\n    - name: a\n      generator: p\n";
        File.WriteAllText(temp.File("a.yaml"), yaml);
        var settings = AblationSettings.Load(temp.File("a.yaml"));   // the file itself is valid
        var error = Assert.Throws<XraySynth.Common.UserError>(() => AblationRun.CreateOrContinue(settings));
        Assert.Contains("generator 'p': kimg 3 ends before the final 64 px is fully faded in (240 kimg", error.Message);
        Assert.False(Directory.Exists(temp.File("runs/g")));

        // The dry run says so too, and fails, without creating anything.
        var (code, output, dryError) = CliHarness.Run("ablate", "--config", temp.File("a.yaml"), "--dry-run");
        Assert.Equal(2, code);
        Assert.Contains("cells", output);
        Assert.Contains("generator 'p': kimg 3 ends before", dryError);
        Assert.Contains("(the run would be refused)", dryError);
        Assert.False(Directory.Exists(temp.File("runs/g")));
        File.WriteAllText(temp.File("ok.yaml"), yaml.Replace("kimg: 3", "kimg: 240", StringComparison.Ordinal));
        Assert.Equal(0, CliHarness.Run("ablate", "--config", temp.File("ok.yaml"), "--dry-run").ExitCode);

        // A run folder written before the check (e.g. by an earlier version) still opens for report, status and collect.
        Directory.CreateDirectory(temp.File("runs/g"));
        File.WriteAllText(temp.File("runs/g/ablation.yaml"), settings.ToYaml());
        Assert.Equal("g", AblationRun.Open(temp.File("runs/g")).Settings.Ablation.Name);
    }

    [Fact]
    public void A_file_without_an_ablation_section_is_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("gan.yaml"), "gan:\n  kimg: 1\n");
        var error = Assert.Throws<XraySynth.Common.UserError>(() => AblationSettings.Load(temp.File("gan.yaml")));
        Assert.Contains("no 'ablation:' section", error.Message);
    }
}
