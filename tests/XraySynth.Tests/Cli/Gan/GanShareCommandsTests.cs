using System.Diagnostics;
using XraySynth.Data;
using XraySynth.Tests.Gan.Sharing;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli.Gan;

[Collection(GlobalRandomCollection.Name)]
public sealed class GanShareCommandsTests(TinyRuns runs) : IClassFixture<TinyRuns>
{
    [Fact]
    public void Export_verify_info_and_sample_from_the_bundle_and_the_onnx_model()
    {
        string folder = runs.Scratch("cli");
        Directory.CreateDirectory(folder);
        string bundle = Path.Combine(folder, "hernia.xsgan"), onnx = Path.Combine(folder, "hernia.onnx");

        var (code, output, error) = CliHarness.Run("gan", "export", "--run", runs.Pggan, "--out", bundle, "--onnx", onnx, "--device", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Contains("bundle: ", output);
        Assert.True(File.Exists(onnx));

        (code, output, error) = CliHarness.Run("gan", "verify", bundle, "--device", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Contains("ok: ", output);
        Assert.Contains("4 entries match their SHA-256", output);

        (code, output, error) = CliHarness.Run("gan", "info", bundle);
        Assert.True(code == 0, output + error);
        Assert.Contains("generator:  pggan, 16 px", output);
        Assert.Contains("generator.safetensors", output);
        Assert.Contains("Research only", output);

        (code, output, error) = CliHarness.Run("gan", "sample", "--bundle", bundle, "--labels", "Hernia", "--count", "3", "--out", Path.Combine(folder, "b"), "--device", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Equal(3, Dataset.Load(Path.Combine(folder, "b")).Images.Count);
        (code, output, error) = CliHarness.Run("gan", "sample", "--onnx", onnx, "--labels", "Hernia", "--count", "3", "--out", Path.Combine(folder, "o"), "--device", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Equal(3, Dataset.Load(Path.Combine(folder, "o")).Images.Count);
    }

    [Fact]
    public void A_tampered_bundle_fails_verify_with_one_line_and_exit_code_2()
    {
        string path = Path.Combine(runs.Scratch("cli-bad"), "x.xsgan");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "not a zip");
        var (code, _, error) = CliHarness.Run("gan", "verify", path, "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("not a GAN bundle", error);
        Assert.DoesNotContain("   at ", error);
    }

    [PythonFact]
    public void The_reference_script_checks_the_bundle_with_the_python_standard_library()
    {
        string folder = runs.Scratch("py");
        Directory.CreateDirectory(folder);
        string bundle = Path.Combine(folder, "d.xsgan");
        var (code, output, error) = CliHarness.Run("gan", "export", "--run", runs.Dcgan, "--out", bundle, "--device", "cpu");
        Assert.True(code == 0, output + error);
        var info = new ProcessStartInfo(PythonFactAttribute.Python!) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(SharedData.RepositoryRoot, "bench", "reference", "load_safetensors.py"));
        info.ArgumentList.Add(bundle);
        info.ArgumentList.Add("--check-only");
        using var process = Process.Start(info)!;
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stdout + stderr);
        var opened = XraySynth.Gan.Sharing.GanBundle.Open(bundle, XraySynth.Gan.Sharing.BundleLimits.Default);
        Assert.Contains($"\"ok\": true, \"kind\": \"dcgan\", \"labels\": {opened.Config.Labels.Count}, \"tensors\": {opened.Tensors.Count}", stdout);
    }

    [Fact]
    public void Sample_refuses_an_unfinished_pggan_unless_allow_unfinished_is_given_and_then_warns()
    {
        string folder = runs.Scratch("cli-unfinished");
        var (code, output, error) = CliHarness.Run("gan", "sample", "--run", runs.Early, "--labels", "Hernia", "--count", "2", "--out", Path.Combine(folder, "a"), "--device", "cpu");
        Assert.True(code != 0, output + error);
        Assert.Contains("has not finished growing", error);
        Assert.Contains("--allow-unfinished", error);

        (code, output, error) = CliHarness.Run("gan", "sample", "--run", runs.Early, "--labels", "Hernia", "--count", "2", "--out", Path.Combine(folder, "b"),
            "--device", "cpu", "--allow-unfinished");
        Assert.True(code == 0, output + error);
        Assert.Contains("has not finished growing", output + error);
        Assert.All(Dataset.Load(Path.Combine(folder, "b")).Images, i => Assert.Equal(4, i.Width));

        (code, output, error) = CliHarness.Run("gan", "export", "--run", runs.Early, "--out", Path.Combine(folder, "e.xsgan"), "--device", "cpu");
        Assert.True(code != 0, output + error);
        Assert.Contains("--allow-unfinished", error);
    }
}
