using System.Diagnostics;

namespace XraySynth.Tests.TestSupport;

/// <summary>Runs a program to completion: its exit code and its standard output followed by its standard error.</summary>
public static class ExternalProcess
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/> (each passed as one argument), extra
    /// <paramref name="environment"/> variables and an optional working directory. Both streams are drained at once,
    /// so a chatty program cannot block on a full pipe.
    /// </summary>
    public static (int Code, string Output) Run(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
