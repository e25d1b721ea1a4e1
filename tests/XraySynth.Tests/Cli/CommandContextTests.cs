using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli;

/// <summary>How commands read their --config file.</summary>
public sealed class CommandContextTests
{
    [Fact]
    public void A_command_reports_every_problem_of_its_config_file_at_once_not_only_those_of_its_own_section()
    {
        using var temp = new TempDirectory();
        // balance reads only the balance: section; the runtime: and prepare: typos and the unknown section must be
        // reported in the same run, with their lines, before any work.
        File.WriteAllText(temp.File("bad.yaml"), """
            runtime:
              sead: 3
            prepare:
              size: 3
            balnce:
              target: 10
            balance:
              target: -1
            """);
        var (code, output, error) = CliHarness.Run("balance", "--config", temp.File("bad.yaml"),
            "--real", temp.File("none"), "--synthetic", temp.File("none2"), "--out", temp.File("out"));
        Assert.Equal(2, code);
        Assert.Contains("4 config errors", error);
        Assert.Contains("bad.yaml:2:3: runtime.sead: unknown key", error);
        Assert.Contains("bad.yaml:4:9: prepare.size: 3 is out of range", error);
        Assert.Contains("bad.yaml:5:1: balnce: unknown section; did you mean 'balance'?", error);
        Assert.Contains("balance.target", error);
        Assert.DoesNotContain("   at ", error + output);
        Assert.False(Directory.Exists(temp.File("out")));
    }
}
