using XraySynth.Configuration;
using XraySynth.Experiments.Ablation;
using XraySynth.Experiments.Ablation.Slurm;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

public sealed class SlurmScriptsTests
{
    const string Slurm = """

        slurm:
          partition: gpu
          account: lab-42
          qos: long
          gres: gpu:1
          cpus_per_task: 8
          mem: 64G
          time_gan: "2-00:00:00"
          array_parallelism: 3
          extra_sbatch: ["--constraint=a100"]
          setup: |
            module load cuda/12.4
            export XRAYSYNTH_LIBTORCH=/opt/torch/lib
        """;

    [Fact]
    public void Dry_run_writes_array_scripts_with_the_resources_and_prints_the_dependency_chain()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.yaml"), AblationResumeTests.TinyConfig(temp.Path) + Slurm);
        var run = AblationRun.CreateOrContinue(AblationSettings.Load(temp.File("a.yaml")));

        var stages = SlurmExecutor.Submit(run, "/opt/xraysynth/xraysynth", ["--device", "cuda"], client: null);

        Assert.Equal(["data", "gan", "cells", "cells-after-gan-dcgan-s1", "collect"], stages.Select(s => s.Stage.Name));
        Assert.All(stages, s => Assert.Null(s.JobId));
        Assert.Equal("GAN_JOB=$(sbatch --parsable --dependency=afterok:${DATA_JOB}_0 " + stages[1].Script + ")", stages[1].Command);
        Assert.Contains("--dependency=afterok:${DATA_JOB}_0:${GAN_JOB}_0 ", stages[3].Command);
        Assert.Contains("--dependency=afterany:${CELLS_AFTER_GAN_DCGAN_S1_JOB}_0:${CELLS_AFTER_GAN_DCGAN_S1_JOB}_1:${CELLS_JOB}_0", stages[4].Command);
        Assert.Equal(["cell-real-only-s1", "cell-real-only-s2", "cell-oversample-s1", "cell-oversample-s2"], File.ReadAllLines(Path.Combine(SlurmScripts.Folder(run), "cells.txt")));

        string gan = File.ReadAllText(stages[1].Script);
        foreach (string line in new[] { "#SBATCH --partition=gpu", "#SBATCH --account=lab-42", "#SBATCH --qos=long", "#SBATCH --gres=gpu:1",
                     "#SBATCH --cpus-per-task=8", "#SBATCH --mem=64G", "#SBATCH --time=2-00:00:00", "#SBATCH --array=0-0%3",
                     "#SBATCH --signal=B:USR1@120", "#SBATCH --requeue", "#SBATCH --constraint=a100", "module load cuda/12.4", "trap requeue USR1",
                     "/opt/xraysynth/xraysynth ablate run-cell \"$RUN\" --cell \"$ID\" --threads \"${SLURM_CPUS_PER_TASK:-1}\" --device cuda &" })
            Assert.Contains(line, gan);
        Assert.DoesNotContain("--gres", File.ReadAllText(stages[0].Script)); // the data job needs no GPU
        Assert.Contains("ablate collect \"$RUN\"", File.ReadAllText(stages[4].Script));
    }

    [Theory]
    [InlineData("slurm:\n  time_cell: soon\n", "time_cell")]
    [InlineData("slurm:\n  signal: 'USR1 at 2 minutes'\n", "signal")]
    [InlineData("slurm:\n  extra_sbatch: ['exclusive']\n", "extra_sbatch")]
    public void Bad_slurm_settings_are_refused(string yaml, string key)
    {
        var error = Assert.Throws<ConfigError>(() => YamlConfig.Parse<SlurmConfig>(yaml, "s.yaml", SlurmConfig.Section));
        Assert.Contains("slurm." + key, error.Message);
    }
}
