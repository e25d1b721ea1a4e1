using XraySynth.Tests.Detect.Training;
using XraySynth.Cli;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli.Detect;

[Collection(GlobalRandomCollection.Name)]
public sealed class DetectTrainCommandTests
{
    /// <summary>A tiny phantom dataset and config; returns the argument prefix of a new 64 px, width-8 run.</summary>
    static string[] NewRun(TempDirectory temp, int epochs)
    {
        DetectorTrainerTests.Phantom(temp.File("data"));
        File.WriteAllText(temp.File("c.yaml"), "detector:\n  pyramid_channels: 16\n  batch_size: 8\n  warmup_epochs: 0.5\n  learning_rate: 0.002\n");
        return ["detect", "train", "--config", temp.File("c.yaml"), "--data", temp.File("data"), "--out", temp.File("runs"),
            "--size", "64", "--width", "8", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device", "cpu"];
    }

    [Fact]
    public void Resuming_with_flags_that_change_the_runs_settings_is_an_error_and_repeating_them_is_fine()
    {
        using var temp = new TempDirectory();
        var (code, output, error) = CliHarness.Run(NewRun(temp, epochs: 1));
        Assert.True(code == 0, output + error);
        string run = Assert.Single(Directory.GetDirectories(temp.File("runs")));

        (code, output, error) = CliHarness.Run("detect", "train", "--resume", run, "--size", "128", "--width", "16", "--out", temp.File("elsewhere"),
            "--epochs", "2", "--device", "cpu");
        Assert.True(code == 2, output + error);
        Assert.Contains("--size 128 differs from the run's 64", error);
        Assert.Contains("--width 16 differs from the run's 8", error);
        Assert.Contains($"--out {temp.File("elsewhere")} differs from the run's {temp.File("runs")}", error);
        Assert.Contains("drop the flags to continue the run as it was, or start a new run without --resume", error);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "log.csv")).Length); // nothing was trained

        (code, output, error) = CliHarness.Run("detect", "train", "--resume", run, "--data", temp.File("data"), "--size", "64", "--width", "8", "--seed", "0",
            "--epochs", "2", "--device", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "log.csv")).Length);
    }

    [Fact]
    public void After_an_interrupt_the_run_line_counts_the_epochs_done_out_of_those_configured()
    {
        using var temp = new TempDirectory();
        using var interrupt = new CancellationTokenSource();
        var output = new InterruptingWriter("epoch 1: train loss", interrupt); // Ctrl-C once epoch 1 is done (--verbose prints it)
        var error = new StringWriter();
        int code = CliApp.Run([.. NewRun(temp, epochs: 2), "--verbose"], CliConsole.Capture(output, error, interrupt.Token));

        Assert.True(code == 130, $"{output}{error}");
        Assert.Matches(@"\(best validation mAP@0\.5 [0-9.]+ at epoch 1; interrupted after 1 of 2 epochs\)",
            System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\s+", " ")); // the console wraps long lines
        Assert.Contains("the run resumes from the end of epoch 1", error.ToString());
    }
}
