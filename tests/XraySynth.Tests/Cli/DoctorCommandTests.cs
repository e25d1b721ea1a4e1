using System.Diagnostics;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli;

public sealed class DoctorCommandTests
{
    [Fact]
    public void Doctor_reports_the_torch_stack_on_the_cpu()
    {
        var (code, output, error) = CliHarness.Run("doctor", "--device", "cpu");
        Assert.True(code == 0, error);
        Assert.Contains("TorchSharp", output);
        Assert.Contains("0.107.0", output);
        Assert.Contains("libtorch loaded from", output);
        Assert.Contains("weak (patched by the build)", output);
        Assert.Contains("CUDA available", output);
        Assert.Contains("free disk in checkpoints/", output);
        Assert.DoesNotContain("loaded twice", output);
    }

    [Fact]
    public void Smoke_option_runs_a_training_step_whose_loss_decreases()
    {
        var (code, output, error) = CliHarness.Run("doctor", "--device", "cpu", "--smoke");
        Assert.True(code == 0, output + error);
        Assert.Matches(@"training step on cpu: loss \d\.\d{3} -> \d\.\d{3}, [\d.]+ ms/step: ok", output);
    }

    [Fact]
    public void Asking_for_cuda_without_it_fails_with_exit_code_2_and_one_line()
    {
        var (code, _, error) = CliHarness.Run("doctor", "--device", "cuda");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --device cuda:0: CUDA is not available", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void A_bad_device_name_fails_before_any_work()
    {
        var (code, _, error) = CliHarness.Run("doctor", "--device", "tpu:0");
        Assert.Equal(2, code);
        Assert.Contains("expected auto, cpu, cuda or cuda:N", error);
    }

    [Fact]
    public void A_config_error_is_reported_with_file_and_line()
    {
        using var temp = new TempDirectory();
        string config = temp.File("run.yaml");
        File.WriteAllText(config, "runtime:\n  device: cpu\n  sead: 3\n");
        var (code, _, error) = CliHarness.Run("doctor", "--config", config);
        Assert.Equal(2, code);
        Assert.Contains($"{config}:3:3: runtime.sead: unknown key", error);
        Assert.Contains("did you mean 'seed'", error);
    }

    [Fact]
    public void Flags_override_the_config_file()
    {
        using var temp = new TempDirectory();
        string config = temp.File("run.yaml");
        File.WriteAllText(config, "runtime:\n  device: cuda\n");
        Assert.Equal(2, CliHarness.Run("doctor", "--config", config).ExitCode);
        var (code, output, error) = CliHarness.Run("doctor", "--config", config, "--device", "cpu");
        Assert.True(code == 0, error);
        Assert.Contains("│ device", output);
    }

    /// <summary>
    /// --libtorch loads an existing install by full path and never the copy beside the app. A CPU libtorch
    /// (hard links to the bundled files in a separate folder) stands in for a CUDA install; it runs in a child
    /// process because native libraries are process-wide.
    /// </summary>
    [Fact]
    public void Libtorch_from_another_folder_is_loaded_instead_of_the_bundled_one()
    {
        using var temp = new TempDirectory();
        string bundled = Path.Combine(AppContext.BaseDirectory, "cpu");
        foreach (string file in Directory.GetFiles(bundled).Where(f => Path.GetFileName(f) is "libc10.so" or "libtorch_cpu.so" or "libtorch.so" || Path.GetFileName(f).StartsWith("libgomp", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "xraysynth.dll"), "doctor", "--libtorch", temp.Path })
            start.ArgumentList.Add(arg);
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "doctor did not finish within a minute");

        Assert.True(process.ExitCode == 0, output + error);
        Assert.Contains($"libtorch loaded from            │ {temp.Path} (--libtorch)", output);
        Assert.DoesNotContain("loaded twice", output);
    }
}
