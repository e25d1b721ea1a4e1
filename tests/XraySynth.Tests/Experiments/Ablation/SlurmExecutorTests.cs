using System.Diagnostics;
using XraySynth.Experiments.Ablation;
using XraySynth.Experiments.Ablation.Slurm;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

/// <summary>
/// The ablation on a real single-node Slurm cluster (tests/slurm/cluster.sh): results equal a local run cell by cell, a
/// cancelled task is resubmitted without losing or duplicating a cell, and a GAN task warned of its time limit requeues
/// itself and ends with the same weights as an uninterrupted run.
/// </summary>
[Collection(GlobalRandomCollection.Name)]
public sealed class SlurmExecutorTests
{
    const string SlurmSection = """

        slurm:
          cpus_per_task: 1
          mem: 1G
          time_cell: "00:30:00"
          time_gan: "00:30:00"
        """;

    static string WriteConfig(TempDirectory temp, string name, string? body = null)
    {
        string file = temp.File(name + ".yaml");
        File.WriteAllText(file, (body ?? AblationResumeTests.TinyConfig(temp.Path)).Replace("name: tiny", "name: " + name) + SlurmSection);
        return file;
    }

    static void WaitFor(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) Assert.Fail($"timed out after {timeout.TotalSeconds:0} s: {describe()}");
            Thread.Sleep(250);
        }
    }

    static bool QueueEmpty(string name) => !SlurmCluster.Command("squeue", "-h", "-o", "%j").Split('\n').Any(l => l.Trim().StartsWith($"xs-{name}-", StringComparison.Ordinal));

    [SlurmFact]
    public void Slurm_run_with_a_cancelled_task_resubmitted_equals_the_local_run_cell_by_cell()
    {
        SlurmCluster.EnsureStarted();
        TorchFixture.Cpu.Reseed(0);
        using var temp = new TempDirectory();
        string slurmConfig = WriteConfig(temp, "onslurm");
        string localConfig = WriteConfig(temp, "local");

        // 1. Submit: data, 1 GAN, two cell arrays (with and without the GAN), collect.
        var (code, output, error) = CliHarness.Run("ablate", "--config", slurmConfig, "--executor", "slurm", "--device", "cpu", "--threads", "2");
        Assert.True(code == 0, output + error);
        Assert.Contains("cells-after-gan-dcgan-s1: 2 tasks after data, gan-dcgan-s1", output);
        var run = AblationRun.Open(Path.Combine(temp.Path, "runs", "onslurm"));

        // 2. Cancel one running cell task (scancel on the task, as a user or a node failure would).
        var submissions = File.ReadAllLines(SlurmExecutor.SubmissionsFile(run)).Select(l => System.Text.Json.JsonSerializer.Deserialize<SubmissionRecord>(l)!).ToList();
        var cells = submissions.Single(s => s.Stage == "cells");
        string victim = $"{cells.SlurmJobId}_1";
        WaitFor(() => SlurmCluster.Command("squeue", "-h", "-r", "-j", cells.SlurmJobId, "-o", "%i %T").Contains($"{victim} RUNNING"), TimeSpan.FromMinutes(3),
            () => SlurmCluster.Command("squeue", "-r"));
        SlurmCluster.Command("scancel", victim);
        string victimJob = cells.Jobs[1];

        // 3. Everything else finishes; collect runs anyway (afterany); the cancelled cell is failed and has no result.
        WaitFor(() => QueueEmpty("onslurm"), TimeSpan.FromMinutes(6), () => SlurmCluster.Command("squeue", "-r"));
        Assert.Null(run.Result(victimJob));
        var (_, status, _) = CliHarness.Run("ablate", "status", run.Path);
        Assert.Contains("7 of 8 jobs done, 1 failed or missing", status);

        // 4. Resubmit what failed: only that cell (and a new collect) run; it resumes from its snapshot if it had one.
        var (code2, resubmitted, error2) = CliHarness.Run("ablate", "status", run.Path, "--resubmit-failed");
        Assert.True(code2 == 0, resubmitted + error2);
        Assert.Contains($"resubmitted cells: {victimJob} -> slurm job", resubmitted);
        Assert.Contains("resubmitted collect: collect -> slurm job", resubmitted);
        WaitFor(() => QueueEmpty("onslurm"), TimeSpan.FromMinutes(4), () => SlurmCluster.Command("squeue", "-r"));
        Assert.All(run.Plan.Jobs, job => Assert.True(run.Result(job.Id)?.IsDone, job.Id));
        using (var store = ResultStore.Open(run.StoreFile))
            Assert.Equal(run.Plan.Jobs.Select(j => j.Id).Order(), store.Jobs().Select(j => j.Id).Order()); // collected once each

        // 5. The same config run locally in this process: every cell's per-label metrics are equal.
        var (code3, localOutput, localError) = CliHarness.Run("ablate", "--config", localConfig, "--device", "cpu", "--threads", "2");
        Assert.True(code3 == 0, localOutput + localError);
        var local = AblationRun.Open(Path.Combine(temp.Path, "runs", "local"));
        foreach (var cell in run.Plan.Cells)
            Assert.Equal(local.Result(cell.Id)!.Scores, run.Result(cell.Id)!.Scores);
    }

    [SlurmFact]
    public void A_gan_task_warned_of_its_time_limit_requeues_and_ends_with_the_weights_of_an_uninterrupted_run()
    {
        SlurmCluster.EnsureStarted();
        TorchFixture.Cpu.Reseed(0);
        using var temp = new TempDirectory();
        string body = AblationResumeTests.TinyConfig(temp.Path).Replace("kimg: 0.1", "kimg: 1.5").Replace("snapshot_kimg: 0.05", "snapshot_kimg: 0.5");
        string slurmConfig = WriteConfig(temp, "warned", body);
        string localConfig = WriteConfig(temp, "steady", body);

        var (code, output, error) = CliHarness.Run("ablate", "--config", slurmConfig, "--executor", "slurm", "--device", "cpu", "--threads", "2");
        Assert.True(code == 0, output + error);
        var run = AblationRun.Open(Path.Combine(temp.Path, "runs", "warned"));
        var gan = File.ReadAllLines(SlurmExecutor.SubmissionsFile(run)).Select(l => System.Text.Json.JsonSerializer.Deserialize<SubmissionRecord>(l)!).Single(s => s.Stage == "gan");
        string task = $"{gan.SlurmJobId}_0";
        string ganFolder = run.JobFolder("gan-dcgan-s1");

        // Warn once training has started (its log has a step), exactly as Slurm does before the time limit.
        WaitFor(() => Directory.Exists(ganFolder) && Directory.EnumerateFiles(ganFolder, "log.csv", SearchOption.AllDirectories).Any(f => File.ReadAllLines(f).Length > 2),
            TimeSpan.FromMinutes(3), () => SlurmCluster.Command("squeue", "-r"));
        SlurmCluster.Command("scancel", "--signal=USR1", "--batch", task);
        WaitFor(() => run.Result("gan-dcgan-s1")?.IsDone == true, TimeSpan.FromMinutes(5), () => SlurmCluster.Command("squeue", "-r"));
        string log = File.ReadAllText(Directory.GetFiles(Path.Combine(SlurmScripts.Folder(run), "logs"), "gan-*.log").Single());
        Assert.Contains("time limit near: checkpoint, then requeue", log);
        Assert.Contains("restart 1", log);
        Assert.Contains("resumed", log);
        SlurmCluster.Command("scancel", "--name", "xs-warned-cells", "--name", "xs-warned-cells-after-gan-dcgan-s1", "--name", "xs-warned-collect");

        // The uninterrupted run of the same GAN job, in this process.
        var steady = AblationRun.CreateOrContinue(AblationSettings.Load(localConfig));
        foreach (string id in new[] { "data", "gan-dcgan-s1" })
        {
            var (c, o, e) = CliHarness.Run("ablate", "run-cell", steady.Path, "--cell", id, "--device", "cpu", "--threads", "2");
            Assert.True(c == 0, o + e);
        }
        string Final(AblationRun r) => Directory.GetFiles(r.Absolute(Path.Combine(r.Result("gan-dcgan-s1")!.Outputs["gan"], "snapshots"))).Order().Last();
        Assert.Equal(Path.GetFileName(Final(steady)), Path.GetFileName(Final(run)));
        Assert.Equal(File.ReadAllBytes(Final(steady)), File.ReadAllBytes(Final(run)));
        string[] Images(AblationRun r) => Directory.GetFiles(r.Absolute(r.Result("gan-dcgan-s1")!.Outputs["synthetic"]), "*.png", SearchOption.AllDirectories).Order().ToArray();
        Assert.Equal(Images(steady).Select(File.ReadAllBytes), Images(run).Select(File.ReadAllBytes));
    }
}
