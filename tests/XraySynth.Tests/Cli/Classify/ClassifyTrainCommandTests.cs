using XraySynth.Common;
using XraySynth.Data.Phantom;
using XraySynth.Cli;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli.Classify;

[Collection(GlobalRandomCollection.Name)]
public sealed class ClassifyTrainCommandTests
{
    /// <summary>A tiny phantom dataset and config; returns the argument prefix of a new 32 px resnet18 run.</summary>
    static string[] NewRun(TempDirectory temp, int epochs)
    {
        PhantomGenerator.Generate(new PhantomConfig { Count = 80, Size = 32, Seed = 2 }, temp.File("data"), "test", force: false, NullReporter.Instance);
        File.WriteAllText(temp.File("c.yaml"), "classifier:\n  batch_size: 16\n  workers: 1\n  warmup_epochs: 0.5\n  learning_rate: 0.002\n");
        return ["classify", "train", "--config", temp.File("c.yaml"), "--data", temp.File("data"), "--out", temp.File("runs"),
            "--arch", "resnet18", "--size", "32", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device", "cpu"];
    }

    [Fact]
    public void Resuming_with_flags_that_change_the_runs_settings_is_an_error_and_repeating_them_is_fine()
    {
        using var temp = new TempDirectory();
        var (code, output, error) = CliHarness.Run(NewRun(temp, epochs: 1));
        Assert.True(code == 0, output + error);
        string run = Assert.Single(Directory.GetDirectories(temp.File("runs")));

        (code, output, error) = CliHarness.Run("classify", "train", "--resume", run, "--arch", "densenet121", "--size", "64", "--loss", "focal", "--seed", "9",
            "--epochs", "2", "--device", "cpu");
        Assert.True(code == 2, output + error);
        Assert.Contains("--arch densenet121 differs from the run's resnet18", error);
        Assert.Contains("--size 64 differs from the run's 32", error);
        Assert.Contains("--loss focal differs from the run's bce", error);
        Assert.Contains("--seed 9 differs from the run's 0", error);
        Assert.Contains("drop the flags to continue the run as it was, or start a new run without --resume", error);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "log.csv")).Length); // nothing was trained

        // Flags equal to the run's values (a relative --data included), and a new --epochs total, resume.
        (code, output, error) = CliHarness.Run("classify", "train", "--resume", run, "--data", Path.GetRelativePath(Environment.CurrentDirectory, temp.File("data")) + "/",
            "--arch", "ResNet18", "--size", "32", "--loss", "bce", "--epochs", "2", "--device", "cpu");
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
        Assert.Matches(@"\(best validation mean AUROC [0-9.]+ at epoch 1; interrupted after 1 of 2 epochs\)",
            System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\s+", " ")); // the console wraps long lines
        Assert.Contains("the run resumes from the end of epoch 1", error.ToString());
    }
}
