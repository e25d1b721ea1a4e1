namespace XraySynth.Tests.TestSupport;

/// <summary>
/// Locates the real data in <c>../shared/data</c> beside the repository (or <c>XRAYSYNTH_SHARED_DATA</c>).
/// Tests that need it use <see cref="SharedDataFactAttribute"/> and are skipped, with a message, when it is absent.
/// </summary>
public static class SharedData
{
    /// <summary>The repository root (the folder holding XraySynth.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared data folder, or null when it is not there.</summary>
    public static string? Root { get; } = FindSharedData();

    /// <summary>Path of <paramref name="relative"/> inside the shared data folder, or null when absent.</summary>
    public static string? Path(string relative)
    {
        if (Root is null) return null;
        string full = System.IO.Path.Combine(Root, relative);
        return File.Exists(full) || Directory.Exists(full) ? full : null;
    }

    static string FindRepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "XraySynth.sln"))) dir = System.IO.Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("XraySynth.sln not found above " + AppContext.BaseDirectory);
    }

    static string? FindSharedData()
    {
        string? env = Environment.GetEnvironmentVariable("XRAYSYNTH_SHARED_DATA");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : null;
        string candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}

/// <summary>A fact that runs only when <c>../shared/data/RELATIVE</c> exists; otherwise skipped with a clear reason.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Skips unless <paramref name="relative"/> exists under the shared data folder.</summary>
    public SharedDataFactAttribute(string relative)
    {
        if (SharedData.Path(relative) is null)
            Skip = $"real data '{relative}' not found in ../shared/data (or $XRAYSYNTH_SHARED_DATA): skipped";
    }
}
