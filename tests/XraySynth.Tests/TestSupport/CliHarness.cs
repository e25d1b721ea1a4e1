using XraySynth.Cli;

namespace XraySynth.Tests.TestSupport;

/// <summary>Runs the xraysynth command in-process on a captured console.</summary>
public static class CliHarness
{
    /// <summary>Exit code, standard output and standard error of <c>xraysynth ARGS</c>.</summary>
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, CliConsole.Capture(output, error));
        return (code, output.ToString(), error.ToString());
    }
}
