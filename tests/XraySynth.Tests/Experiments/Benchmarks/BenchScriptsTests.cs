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
    public void Device_checks_stop_after_a_failing_doctor_and_say_so_in_checks_md()
    {
        using var temp = new TempDirectory();
        var (code, output) = Bash(["bench/device-checks.sh"], new Dictionary<string, string>
        {
            ["CPU"] = "1", ["OUT"] = temp.Path, ["XRAYSYNTH"] = "false",
        });
        Assert.True(code == 1, output);
        string md = File.ReadAllText(temp.File("checks.md"));
        Assert.Contains("## 1. doctor --device cpu --smoke", md);
        Assert.Contains("doctor failed: the other stages were skipped.", md);
        Assert.DoesNotContain("## 2.", md);
        Assert.True(File.Exists(temp.File("checks.log")));
    }
}
