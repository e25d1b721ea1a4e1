using System.Diagnostics;
using XraySynth.Experiments.Ablation;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

/// <summary>
/// A real ablation (tiny phantom, data + 1 GAN job + 3 arms × 2 seeds = 8 jobs) run as a separate xraysynth process, killed once a
/// cell has finished, then run again: only the missing jobs run, finished ones are not redone, nothing is duplicated.
/// </summary>
[Collection(GlobalRandomCollection.Name)]
public sealed class AblationResumeTests
{
    internal static string TinyConfig(string folder) => $"""
        ablation:
          name: tiny
          data: {folder}/phantom
          out: {folder}/runs
          seeds: [1, 2]
          rare_prevalence: 0.1
          synthetic_per_label: 12
          bootstrap: 100
          gan_per_seed: false
          generators:
            - name: dcgan
              gan:
                kind: dcgan
                kimg: 0.1
                batch_size: 16
                dcgan:
                  resolution: 32
                  latent_size: 16
                  generator_features: 8
                  discriminator_features: 8
                  label_embedding: 4
                snapshot_kimg: 0.05
                sample_kimg: 0.05
                prefetch: 1
          arms:
            - name: real-only
            - name: dcgan-20
              generator: dcgan
              target: 20
            - name: oversample
              strategy: oversample
              target: 20
        classifier:
          image_size: 32
          epochs: 1
          batch_size: 32
          workers: 1
        phantom:
          count: 120
          size: 64
          seed: 3
        """;

    [Fact]
    public void Killing_ablate_mid_run_and_running_it_again_finishes_only_the_missing_jobs()
    {
        TorchFixture.Cpu.Reseed(0);
        using var temp = new TempDirectory();
        string config = temp.File("tiny.yaml");
        File.WriteAllText(config, TinyConfig(temp.Path));
        string results = Path.Combine(temp.Path, "runs", "tiny", "results");

        // 1. A separate process, killed (SIGKILL, no chance to clean up) as soon as the first cell's result is written.
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "xraysynth")) { WorkingDirectory = temp.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "ablate", "--config", config, "--device", "cpu" }) start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (!File.Exists(Path.Combine(results, "cell-real-only-s1.json")) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
                Thread.Sleep(50);
            Assert.False(process.HasExited, $"the first run ended (exit {(process.HasExited ? process.ExitCode : 0)}) before it could be killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var before = Directory.GetFiles(results, "*.json").ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f));
        Assert.Contains("cell-real-only-s1.json", before.Keys);
        Assert.True(before.Count < 8, $"the run was killed before the end ({before.Count} results)");

        // 2. The same command again, in this process: it runs exactly the jobs that have no result.
        string reports = temp.File("reports");
        var (code, output, error) = CliHarness.Run("ablate", "--config", config, "--device", "cpu", "--report", reports);
        Assert.True(code == 0, output + error);
        Assert.Contains($"{8 - before.Count} jobs run, {before.Count} already done, 0 failed", output);
        foreach (var (name, text) in before)
            Assert.Equal(text, File.ReadAllText(Path.Combine(results, name))); // finished jobs untouched

        var run = AblationRun.Open(Path.Combine(temp.Path, "runs", "tiny"));
        Assert.All(run.Plan.Jobs, job => Assert.True(run.Result(job.Id)?.IsDone, job.Id));
        using (var store = ResultStore.Open(run.StoreFile))
        {
            Assert.Equal(run.Plan.Jobs.Select(j => j.Id).Order(), store.Jobs().Select(j => j.Id).Order());
            foreach (var cell in run.Plan.Cells)
            {
                var stored = store.Predictions(cell.Id, store.Scores(cell.Id).Select(s => s.Label).ToList())!;
                Assert.Equal(stored.ImageIds.Distinct().Count(), stored.ImageIds.Length);
                Assert.Equal(run.Result(cell.Id)!.Scores!.Select(s => s.Auroc), AblationJobRunner.Score(stored).Select(s => s.Auroc));
            }
        }
        var gan = run.Result("gan-dcgan-s1")!;
        Assert.True(Directory.Exists(run.Absolute(gan.Outputs["synthetic"])));
        var balanced = XraySynth.Data.Dataset.Load(run.Absolute(run.Result("cell-dcgan-20-s2")!.Outputs["dataset"]));
        Assert.Contains(balanced.Images, i => i.Source == XraySynth.Data.ImageSource.Synthetic);

        // 3. The report: every link resolves, the HTML carries its figures, and (when Chromium is here) every figure renders.
        AblationReportChecks.Check(reports);

        // 4. A third run has nothing left to do.
        var (again, output2, _) = CliHarness.Run("ablate", "--config", config, "--device", "cpu", "--report", reports);
        Assert.Equal(0, again);
        Assert.Contains("0 jobs run, 8 already done", output2);
    }
}
