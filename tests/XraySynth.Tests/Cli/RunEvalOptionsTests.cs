using XraySynth.Cli;
using XraySynth.Common;
using XraySynth.Evaluate;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli;

public sealed class RunEvalOptionsTests
{
    [Theory]
    [InlineData("percentile", BootstrapMethod.Percentile)]
    [InlineData("bca", BootstrapMethod.Bca)]
    [InlineData(" BCa ", BootstrapMethod.Bca)]
    public void Ci_method_names_parse(string text, BootstrapMethod expected) => Assert.Equal(expected, RunEvalOptions.ParseMethod(text));

    [Fact]
    public void An_unknown_ci_method_is_a_user_error_naming_the_choices()
    {
        var error = Assert.Throws<UserError>(() => RunEvalOptions.ParseMethod("bc"));
        Assert.Equal("--ci 'bc': expected percentile or bca", error.Message);
        // On the command line the parser refuses it before torch starts.
        var (code, _, stderr) = CliHarness.Run("classify", "eval", "--run", "nowhere", "--ci", "bc", "--device", "cpu");
        Assert.NotEqual(0, code);
        Assert.Contains("'bc'", stderr);
        Assert.Contains("bca", stderr);
    }

    [Fact]
    public void Bca_with_fewer_than_1000_resamples_is_refused()
    {
        var (code, _, stderr) = CliHarness.Run("classify", "eval", "--run", "nowhere", "--ci", "bca", "--bootstrap", "200", "--device", "cpu");
        Assert.NotEqual(0, code);
        Assert.Contains("--ci bca needs --bootstrap 1000 or more (got 200)", stderr);
    }
}
