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
