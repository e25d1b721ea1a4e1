namespace XraySynth.Tests.TestSupport;

/// <summary>A fact that needs python3 (standard library only) on the PATH; skipped, saying so, where there is none.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    /// <summary>Full path of python3, or null.</summary>
    public static string? Python { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "python3")).FirstOrDefault(File.Exists);

    /// <summary>Skips when python3 is missing.</summary>
    public PythonFactAttribute()
    {
        if (Python is null) Skip = "python3 is not on the PATH";
    }
}

/// <summary>
/// A fact that needs a python3 that imports torch (PyTorch): $XRAYSYNTH_PYTHON, then python3 on the PATH, then
/// /usr/bin/python3 (Debian's python3-torch); skipped, saying so, where none does.
/// </summary>
public sealed class TorchPythonFactAttribute : FactAttribute
{
    static readonly Lazy<string?> Found = new(() =>
        new[] { Environment.GetEnvironmentVariable("XRAYSYNTH_PYTHON"), PythonFactAttribute.Python, "/usr/bin/python3" }
            .OfType<string>().Where(File.Exists).Distinct().FirstOrDefault(ImportsTorch));

    /// <summary>The python that imports torch, or null.</summary>
    public static string? Python => Found.Value;

    static bool ImportsTorch(string python)
    {
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo(python, ["-c", "import torch"]) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = System.Diagnostics.Process.Start(info)!;
            process.StandardError.ReadToEnd();
            return process.WaitForExit(120_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    /// <summary>Skips when no python with torch is found.</summary>
    public TorchPythonFactAttribute()
    {
        if (Python is null) Skip = "no python3 that imports torch ($XRAYSYNTH_PYTHON, python3, /usr/bin/python3; Debian: apt-get install python3-torch)";
    }
}
