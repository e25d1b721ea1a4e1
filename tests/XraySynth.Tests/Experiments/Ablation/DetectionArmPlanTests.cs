using XraySynth.Configuration;
using XraySynth.Experiments.Ablation;
using XraySynth.Experiments.Ablation.Slurm;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

public sealed class DetectionArmPlanTests
{
    const string Yaml = """
        ablation:
          name: det
          seeds: [1, 2]
          generators:
            - name: dcgan
              gan: {kind: dcgan, kimg: 2}
          detection_arms:
            - name: pseudo
              augmentation: pseudo-boxes
              generator: dcgan
              pseudo_min_score: 0.5
            - name: real-only
            - name: patches
              augmentation: patch-gan
              patch_gan: {kimg: 7}
        """;

    [Fact]
    public void Patch_gan_arms_get_a_gan_job_per_seed_and_pseudo_box_cells_wait_for_the_generator_and_the_baseline_detector()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.yaml"), Yaml);
        var settings = AblationSettings.Load(temp.File("a.yaml"));
        var plan = AblationPlan.From(settings.Ablation);

        Assert.Equal(["gan-dcgan-s1", "gan-dcgan-s2"], plan.Jobs.Where(j => j.Kind == AblationJobKind.Gan).Select(j => j.Id));
        Assert.Equal(["patchgan-patches-s1", "patchgan-patches-s2"], plan.Jobs.Where(j => j.Kind == AblationJobKind.PatchGan).Select(j => j.Id));
        Assert.Equal(["data", "patchgan-patches-s2"], plan.Job("detect-patches-s2").DependsOn);
        Assert.Equal(["data", "gan-dcgan-s1", "detect-real-only-s1"], plan.Job("detect-pseudo-s1").DependsOn);
        Assert.Equal("dcgan", plan.Job("detect-pseudo-s1").Generator);
        for (int i = 0; i < plan.Jobs.Count; i++)
            Assert.All(plan.Jobs[i].DependsOn, d => Assert.True(plan.Jobs.Take(i).Any(j => j.Id == d), $"{plan.Jobs[i].Id} comes after {d}"));
        Assert.Contains("2 lesion-patch GAN jobs", plan.Describe().First());

        // A nested section keeps the arm's defaults for the keys it does not set: a 32 px DCGAN, only kimg changed.
        var patches = settings.Ablation.DetectionArms.Single(a => a.Name == "patches");
        Assert.Equal(XraySynth.Gan.GanKind.Dcgan, patches.PatchGan.Kind);
        Assert.Equal(32, patches.PatchGan.Resolution);
        Assert.Equal(7, patches.PatchGan.Kimg);
        Assert.Equal(0.5, settings.Ablation.DetectionArms[0].PseudoMinScore);

        var shared = AblationPlan.From(settings.Ablation with { GanPerSeed = false });
        Assert.Equal(["data", "patchgan-patches-s1"], shared.Job("detect-patches-s2").DependsOn);
        Assert.Equal(["data", "gan-dcgan-s1", "detect-real-only-s2"], shared.Job("detect-pseudo-s2").DependsOn);

        // The resolved settings (ablation.yaml of a run) read back the same.
        File.WriteAllText(temp.File("resolved.yaml"), settings.ToYaml());
        Assert.Equal(settings.ToYaml(), AblationSettings.Load(temp.File("resolved.yaml")).ToYaml());
    }

    [Theory]
    [InlineData("    - name: real-only\n    - name: p\n      augmentation: pseudo-boxes\n", "needs generator")]
    [InlineData("    - name: real-only\n    - name: p\n      augmentation: pseudo-boxes\n      generator: nope\n", "names generator 'nope', which is not defined")]
    [InlineData("    - name: real-only\n      augmentation: lesion-paste\n    - name: p\n      augmentation: pseudo-boxes\n      generator: dcgan\n", "must be a plain real-only arm")]
    [InlineData("    - name: real-only\n      generator: dcgan\n", "only used by pseudo-boxes arms")]
    public void Inconsistent_detection_arms_are_refused_with_a_message(string arms, string message)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.yaml"), "ablation:\n  generators:\n    - name: dcgan\n  detection_arms:\n" + arms);
        var error = Assert.Throws<ConfigError>(() => AblationSettings.Load(temp.File("a.yaml")));
        Assert.Contains(message, error.Message);
    }
}

public sealed class DetectionArmSlurmTests
{
    [Fact]
    public void On_slurm_the_patch_gans_are_a_gpu_stage_and_pseudo_box_cells_wait_for_the_baseline_cells()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.yaml"), $"""
            ablation:
              name: det
              data: {temp.Path}/data
              out: {temp.Path}/runs
              seeds: [1, 2]
              generators:
                - name: dcgan
                  gan: {"{kind: dcgan, kimg: 2}"}
              detection_arms:
                - name: real-only
                - name: patches
                  augmentation: patch-gan
                - name: pseudo
                  augmentation: pseudo-boxes
                  generator: dcgan
            slurm:
              partition: gpu
              gres: gpu:1
            """);
        var run = AblationRun.CreateOrContinue(AblationSettings.Load(temp.File("a.yaml")));
        var stages = SlurmExecutor.Submit(run, "/opt/xraysynth/xraysynth", ["--device", "cuda"], client: null);
        var names = stages.Select(s => s.Stage.Name).ToList();

        var patch = stages.Single(s => s.Stage.Name == "patchgan");
        Assert.Equal(["patchgan-patches-s1", "patchgan-patches-s2"], patch.Stage.Jobs);
        Assert.True(patch.Stage.UsesGres);
        Assert.Contains("#SBATCH --gres=gpu:1", File.ReadAllText(patch.Script));
        var pseudo = stages.Single(s => s.Stage.Jobs.Contains("detect-pseudo-s1"));
        var baseline = stages.Single(s => s.Stage.Jobs.Contains("detect-real-only-s1"));
        Assert.True(names.IndexOf(baseline.Stage.Name) < names.IndexOf(pseudo.Stage.Name), string.Join(", ", names));
        Assert.Contains(baseline.Stage.Name.ToUpperInvariant().Replace('-', '_') + "_JOB}_", pseudo.Command);
        Assert.Contains("GAN_JOB}_0", pseudo.Command);
        var patchCell = stages.Single(s => s.Stage.Jobs.Contains("detect-patches-s1"));
        Assert.Contains("PATCHGAN_JOB}_0", patchCell.Command);
    }
}
