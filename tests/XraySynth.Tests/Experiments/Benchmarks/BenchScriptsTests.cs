using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Benchmarks;

/// <summary>The shell scripts in bench/ (run on the GPU machine, where a mistake costs device minutes).</summary>
public sealed class BenchScriptsTests
{
    static string Bench => Path.Combine(SharedData.RepositoryRoot, "bench");

    static (int Code, string Output) Bash(string[] arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ExternalProcess.Run("bash", arguments, environment, SharedData.RepositoryRoot);

    [Fact]
    public void Every_bench_script_parses()
    {
        var scripts = Directory.GetFiles(Bench, "*.sh");
        Assert.Contains(scripts, s => s.EndsWith("device-checks.sh", StringComparison.Ordinal));
        foreach (string script in scripts)
        {
            var (code, output) = Bash(["-n", script]);
            Assert.True(code == 0, $"{Path.GetFileName(script)}: {output}");
        }
    }

    [Fact]
    public void After_a_failing_doctor_device_checks_run_only_the_benchmarks_and_say_so_in_checks_md()
    {
        using var temp = new TempDirectory();
        // xraysynth and python both fail at once here: the stages must still run in order and end cleanly.
        var (code, output) = Bash(["bench/device-checks.sh"], new Dictionary<string, string>
        {
            ["CPU"] = "1", ["OUT"] = temp.Path, ["XRAYSYNTH"] = "false", ["PYTHON"] = "false",
        });
        Assert.True(code == 1, output);
        string md = File.ReadAllText(temp.File("checks.md"));
        Assert.Contains("## 1. doctor --device cpu --smoke", md);
        Assert.Contains("doctor failed (exit 1): stages 4-5 skipped; the benchmarks run their PyTorch halves only.", md);
        Assert.Contains("## 2. GAN training throughput", md);
        Assert.Contains("## 3. classifier training throughput", md);
        Assert.DoesNotContain("## 4.", md);
        Assert.Contains("(doctor failed)", md);
        Assert.True(File.Exists(temp.File("checks.log")));
    }

    [Fact]
    public void A_benchmark_past_its_deadline_skips_its_runs_and_still_ends()
    {
        using var temp = new TempDirectory();
        long past = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        var (code, output) = Bash(["bench/gan-benchmark.sh"], new Dictionary<string, string>
        {
            ["CPU"] = "1", ["OUT"] = temp.Path, ["XRAYSYNTH"] = "false", ["DEADLINE"] = past.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.True(code == 0, output);
        string log = File.ReadAllText(temp.File("gan-benchmark.log"));
        Assert.Contains("== xraysynth pggan 8 fp32: skipped", log);
        Assert.Contains("== pytorch dcgan 32 fast: skipped", log);
        Assert.Contains("GAN training throughput", File.ReadAllText(temp.File("gan-benchmark.md")));
    }
}
