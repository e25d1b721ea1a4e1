using XraySynth.Cli.Commands.Gan;
using XraySynth.Configuration;
using XraySynth.Gan;
using XraySynth.Tests.Gan.Training;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli.Gan;

[Collection(GlobalRandomCollection.Name)]
public sealed class GanTrainCommandTests
{
    [Fact]
    public void Max_minutes_must_be_positive()
    {
        var (code, _, error) = CliHarness.Run("gan", "train", "--data", "nowhere", "--max-minutes", "0", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("--max-minutes 0: expected a positive number of minutes", error);
    }

    [Fact]
    public void A_spent_time_limit_exits_75_with_a_snapshot_to_resume_and_resuming_finishes()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        // The trainer tests' tiny PGGAN, written as a config file the way a run's config.yaml is.
        var config = TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.096);
        File.WriteAllText(temp.File("tiny.yaml"), YamlConfigWriter.Write(config, GanConfig.Section));
        var (code, output, error) = CliHarness.Run("gan", "train", "--config", temp.File("tiny.yaml"), "--data", temp.File("data"), "--out", temp.File("runs"),
            "--max-minutes", "0.00001", "--device", "cpu");
        Assert.True(code == GanTrainCommand.TimeLimitExitCode, output + error);
        Assert.Contains("time limit (0.001 s) reached", error);
        string run = Assert.Single(Directory.GetDirectories(temp.File("runs")));
        Assert.Contains($"continue with: xraysynth gan train --resume {run}", error);

        (code, output, error) = CliHarness.Run("gan", "train", "--resume", run, "--device", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Contains("(0.096 kimg, snapshot snapshot-000000012.xsnap)", output);
    }

    [Fact]
    public void Resume_refuses_flags_that_would_change_the_run_and_accepts_its_own_values_and_a_longer_kimg()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        string run = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.008)).RunFolder;
        int snapshots = Directory.GetFiles(Path.Combine(run, "snapshots")).Length;

        var (code, output, error) = CliHarness.Run("gan", "train", "--resume", run, "--kind", "dcgan", "--resolution", "64", "--device", "cpu");
        Assert.True(code == 2, output + error);
        Assert.Contains("--kind dcgan conflicts with the run's kind pggan", error);
        Assert.Contains("--resolution 64 conflicts with the run's resolution 16", error);
        Assert.Contains("drop these flags to continue it", error);
        Assert.Contains("start a new run without --resume", error);

        (code, output, error) = CliHarness.Run("gan", "train", "--resume", run, "--labels", "Hernia", "--balanced", "--seed", "5", "--data", temp.File("elsewhere"), "--device", "cpu");
        Assert.True(code == 2, output + error);
        Assert.Contains("--labels Hernia conflicts with the run's focus all", error);
        Assert.Contains("--balanced conflicts with the run's focus all", error);
        Assert.Contains("--seed 5 conflicts with the run's seed 11", error);
        Assert.Contains($"--data {temp.File("elsewhere")} conflicts with the run's data", error);
        Assert.Equal(snapshots, Directory.GetFiles(Path.Combine(run, "snapshots")).Length);

        (code, output, error) = CliHarness.Run("gan", "train", "--resume", run, "--kind", "pggan", "--resolution", "16", "--seed", "11", "--data", temp.File("data"),
            "--out", temp.File("runs"), "--kimg", "0.016", "--device", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Contains("(0.016 kimg, snapshot", output);
    }
}
