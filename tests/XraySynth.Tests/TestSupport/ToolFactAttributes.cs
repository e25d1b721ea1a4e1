using XraySynth.Report;

namespace XraySynth.Tests.TestSupport;

/// <summary>A fact that runs only where headless Chromium is installed (see <see cref="HeadlessBrowser.FindChromium"/>); otherwise skipped with a clear reason.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Skips unless a Chromium executable is found.</summary>
    public ChromiumFactAttribute()
    {
        if (HeadlessBrowser.FindChromium() is null)
            Skip = $"chromium not found (/usr/bin/chromium, chromium-browser, google-chrome or ${HeadlessBrowser.EnvironmentVariable}): skipped";
    }
}

/// <summary>A fact that runs only where <c>pdflatex</c> is on PATH; otherwise skipped with a clear reason.</summary>
public sealed class PdflatexFactAttribute : FactAttribute
{
    /// <summary>Full path of pdflatex, or null.</summary>
    public static string? Pdflatex { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "pdflatex")).FirstOrDefault(File.Exists);

    /// <summary>Skips unless pdflatex is found.</summary>
    public PdflatexFactAttribute()
    {
        if (Pdflatex is null) Skip = "pdflatex not on PATH: LaTeX compile test skipped (the structural LaTeX tests still run)";
    }
}
