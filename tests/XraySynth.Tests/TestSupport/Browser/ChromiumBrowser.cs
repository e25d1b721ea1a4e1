using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using XraySynth.Report;

namespace XraySynth.Tests.TestSupport.Browser;

/// <summary>
/// Headless Chromium driven over the DevTools protocol (no Playwright, no driver download): launched with a throwaway
/// profile and <c>--remote-debugging-port=0</c>; the port is read from the profile's DevToolsActivePort file; its first
/// page is attached as a <see cref="BrowserPage"/>. Disposing kills the process and deletes the profile.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    readonly Process process;
    readonly string profile;

    /// <summary>The page (one tab).</summary>
    public BrowserPage Page { get; }

    ChromiumBrowser(Process process, string profile, BrowserPage page)
    {
        this.process = process;
        this.profile = profile;
        Page = page;
    }

    /// <summary>Starts Chromium (found like <see cref="HeadlessBrowser.FindChromium"/>) with a <paramref name="width"/> × <paramref name="height"/> window.</summary>
    public static async Task<ChromiumBrowser> LaunchAsync(int width = 1280, int height = 900)
    {
        string executable = HeadlessBrowser.FindChromium() ?? throw new InvalidOperationException("chromium not found");
        string profile = Path.Combine(Path.GetTempPath(), "xraysynth-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "--headless=new", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                     $"--user-data-dir={profile}", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--hide-scrollbars",
                     $"--window-size={width},{height}", "about:blank" })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            int port = await ReadPort(profile, process);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var targets = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/json/list");
            var page = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
            var browserPage = await BrowserPage.AttachAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!));
            return new ChromiumBrowser(process, profile, browserPage);
        }
        catch
        {
            Kill(process);
            TryDelete(profile);
            throw;
        }
    }

    /// <summary>The browser's process id.</summary>
    public int ProcessId => process.Id;

    static async Task<int> ReadPort(string profile, Process process)
    {
        string file = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException($"chromium exited with code {process.ExitCode} before opening its DevTools port");
            if (File.Exists(file))
            {
                string[] lines = File.ReadAllLines(file);
                if (lines.Length >= 1 && int.TryParse(lines[0], out int port) && port > 0) return port;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"chromium wrote no {file} within 60 s");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync();
        Kill(process);
        process.Dispose();
        TryDelete(profile);
    }

    static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
    }

    static void TryDelete(string folder)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); return; }
            catch (IOException) { Thread.Sleep(200); }
            catch (UnauthorizedAccessException) { return; }
        }
    }
}
