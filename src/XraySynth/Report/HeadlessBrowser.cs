using System.Diagnostics;
using XraySynth.Common;

namespace XraySynth.Report;

/// <summary>
/// Renders a report page in headless Chromium: a PNG screenshot, or the DOM after the page's load event (to see
/// which images decoded; see <see cref="HtmlRenderer"/>'s <c>data-loaded</c> marks). Each call uses a fresh
/// temporary profile, so calls may run in parallel, and is killed after a timeout.
/// </summary>
public static class HeadlessBrowser
{
    /// <summary>Environment variable naming the Chromium (or Chrome) executable to use.</summary>
    public const string EnvironmentVariable = "XRAYSYNTH_CHROMIUM";

    /// <summary>How long one browser run may take before it is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>
    /// The browser executable: <c>$XRAYSYNTH_CHROMIUM</c> when set (null if that file does not exist), else
    /// /usr/bin/chromium, chromium-browser, google-chrome or the first of those names on <c>PATH</c>; null when none.
    /// </summary>
    public static string? FindChromium()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        var folders = new[] { "/usr/bin" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        foreach (string folder in folders)
            foreach (string name in Names)
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>Saves a screenshot of <paramref name="htmlPath"/> at a <paramref name="width"/> × <paramref name="height"/> window into <paramref name="pngPath"/>.</summary>
    /// <exception cref="UserError">No browser found, the page is missing, or the browser failed or timed out (message says which, with its output).</exception>
    public static void Screenshot(string htmlPath, string pngPath, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        string target = Path.GetFullPath(pngPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target)) File.Delete(target);
        Run(htmlPath, [$"--screenshot={target}", $"--window-size={width},{height}"], "screenshot");
        if (!File.Exists(target) || new FileInfo(target).Length == 0)
            throw new UserError($"chromium wrote no screenshot of {htmlPath} to {target}");
    }

    /// <summary>The serialized DOM of <paramref name="htmlPath"/> after its load event (scripts have run).</summary>
    /// <exception cref="UserError">No browser found, the page is missing, or the browser failed or timed out.</exception>
    public static string DumpDom(string htmlPath)
    {
        string dom = Run(htmlPath, ["--dump-dom"], "DOM dump");
        if (!dom.Contains("<html", StringComparison.OrdinalIgnoreCase))
            throw new UserError($"chromium printed no DOM for {htmlPath}");
        return dom;
    }

    /// <summary>Runs the browser headless on the page with <paramref name="arguments"/>; returns its standard output.</summary>
    static string Run(string htmlPath, IReadOnlyList<string> arguments, string what)
    {
        string browser = FindChromium() ?? throw new UserError(
            $"{what}: no Chromium found (looked for {string.Join(", ", Names)} in /usr/bin and PATH); install it (apt-get install chromium) or set {EnvironmentVariable}");
        string page = Path.GetFullPath(htmlPath);
        if (!File.Exists(page)) throw new UserError($"{htmlPath}: page not found");
        string profile = Path.Combine(Path.GetTempPath(), "xraysynth-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(browser)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--no-first-run", "--disable-extensions", "--allow-file-access-from-files", $"--user-data-dir={profile}" })
            start.ArgumentList.Add(argument);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add(new Uri(page).AbsoluteUri);
        try
        {
            using var process = Process.Start(start) ?? throw new UserError($"{what}: could not start {browser}");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(DefaultTimeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new UserError($"{what} of {htmlPath}: {browser} did not finish within {DefaultTimeout.TotalSeconds:0} s and was stopped");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new UserError($"{what} of {htmlPath}: {browser} exited with code {process.ExitCode}: {Tail(error.Result)}");
            return output.Result;
        }
        finally
        {
            try { if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    static string Tail(string text)
    {
        string trimmed = text.Trim();
        return trimmed.Length <= 800 ? trimmed : "..." + trimmed[^800..];
    }
}
