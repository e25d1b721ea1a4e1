using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace XraySynth.Tests.TestSupport.Browser;

/// <summary>
/// A page driven over DevTools: navigate, evaluate JavaScript, wait for a condition, click, choose in a select, put a
/// file into a file input, read text, take screenshots. Console errors and uncaught exceptions are collected in
/// <see cref="Errors"/> so a test can assert the page ran cleanly.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    readonly ConcurrentQueue<string> errors = new();
    DevToolsConnection connection = null!;

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors => [.. errors];

    /// <summary>How long <see cref="WaitForAsync"/> waits by default.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    BrowserPage() { }

    /// <summary>Attaches to a page target's DevTools WebSocket and enables the domains used.</summary>
    public static async Task<BrowserPage> AttachAsync(Uri webSocketUrl)
    {
        var page = new BrowserPage();
        page.connection = await DevToolsConnection.ConnectAsync(webSocketUrl, page.OnEvent);
        await page.connection.SendAsync("Page.enable");
        await page.connection.SendAsync("Runtime.enable");
        await page.connection.SendAsync("DOM.enable");
        return page;
    }

    void OnEvent(string method, JsonElement parameters)
    {
        if (method == "Runtime.exceptionThrown")
        {
            var details = parameters.GetProperty("exceptionDetails");
            string text = details.TryGetProperty("exception", out var e) && e.TryGetProperty("description", out var d) ? d.GetString()! : details.GetProperty("text").GetString()!;
            errors.Enqueue("exception: " + text);
        }
        else if (method == "Runtime.consoleAPICalled" && parameters.GetProperty("type").GetString() == "error")
            errors.Enqueue("console.error: " + string.Join(" ", parameters.GetProperty("args").EnumerateArray()
                .Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.TryGetProperty("description", out var d) ? d.GetString() : "?")));
    }

    /// <summary>Opens <paramref name="url"/> and waits until the document has loaded.</summary>
    public async Task NavigateAsync(string url)
    {
        var result = await connection.SendAsync("Page.navigate", new { url });
        if (result.TryGetProperty("errorText", out var error)) throw new InvalidOperationException($"navigate {url}: {error.GetString()}");
        await WaitForAsync("document.readyState === 'complete' && location.href === " + JsonSerializer.Serialize(url));
    }

    /// <summary>Evaluates <paramref name="expression"/> (promises awaited) and returns its value; a JavaScript exception is thrown here with its message.</summary>
    public async Task<T> EvaluateAsync<T>(string expression)
    {
        var result = await connection.SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var details))
        {
            string text = details.TryGetProperty("exception", out var e) && e.TryGetProperty("description", out var d) ? d.GetString()! : details.GetProperty("text").GetString()!;
            throw new JavaScriptException(expression, text);
        }
        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var v) ? v.Deserialize<T>()! : default!;
    }

    /// <summary>Runs <paramref name="statement"/> for its effect.</summary>
    public Task RunAsync(string statement) => EvaluateAsync<JsonElement>($"(() => {{ {statement}; return null; }})()");

    /// <summary>Polls <paramref name="predicate"/> (a JavaScript boolean expression) until true; on timeout the exception names it, the URL, visible errors and a text excerpt.</summary>
    public async Task WaitForAsync(string predicate, TimeSpan? timeout = null)
    {
        var limit = timeout ?? WaitTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await EvaluateAsync<bool>($"!!({predicate})")) return;
            }
            catch (JavaScriptException) { }   // e.g. the element is not there yet
            if (clock.Elapsed > limit)
            {
                string url = await EvaluateAsync<string>("location.href");
                string text = await EvaluateAsync<string>("(document.body ? document.body.innerText : '').slice(0, 400)");
                throw new TimeoutException($"waited {limit.TotalSeconds:0} s for `{predicate}` at {url}; page errors: [{string.Join("; ", Errors)}]; text: {text}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Clicks the first element matching <paramref name="selector"/>.</summary>
    public Task ClickAsync(string selector) => RunAsync($"{Query(selector)}.click()");

    /// <summary>Chooses <paramref name="value"/> in the select <paramref name="selector"/> and fires its change event.</summary>
    public Task SelectAsync(string selector, string value) =>
        RunAsync($"const s = {Query(selector)}; if (![...s.options].some(o => o.value === {JsonSerializer.Serialize(value)})) throw new Error('no option ' + {JsonSerializer.Serialize(value)}); " +
                 $"s.value = {JsonSerializer.Serialize(value)}; s.dispatchEvent(new Event('change', {{ bubbles: true }}))");

    /// <summary>Puts the file <paramref name="path"/> into the file input <paramref name="selector"/> (the browser fires input and change).</summary>
    public async Task SetFileInputAsync(string selector, string path)
    {
        var document = await connection.SendAsync("DOM.getDocument", new { depth = 0 });
        var node = await connection.SendAsync("DOM.querySelector", new { nodeId = document.GetProperty("root").GetProperty("nodeId").GetInt32(), selector });
        int nodeId = node.GetProperty("nodeId").GetInt32();
        if (nodeId == 0) throw new InvalidOperationException($"no element matches {selector}");
        await connection.SendAsync("DOM.setFileInputFiles", new { files = new[] { Path.GetFullPath(path) }, nodeId });
    }

    /// <summary>The text content of the first element matching <paramref name="selector"/>.</summary>
    public Task<string> TextAsync(string selector) => EvaluateAsync<string>($"{Query(selector)}.textContent");

    /// <summary>How many elements match <paramref name="selector"/>.</summary>
    public Task<int> CountAsync(string selector) => EvaluateAsync<int>($"document.querySelectorAll({JsonSerializer.Serialize(selector)}).length");

    /// <summary>Saves a PNG of the viewport to <paramref name="path"/> and returns its bytes.</summary>
    public async Task<byte[]> ScreenshotAsync(string path)
    {
        var shot = await connection.SendAsync("Page.captureScreenshot", new { format = "png" });
        byte[] png = Convert.FromBase64String(shot.GetProperty("data").GetString()!);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllBytesAsync(path, png);
        return png;
    }

    static string Query(string selector) =>
        $"(document.querySelector({JsonSerializer.Serialize(selector)}) ?? (() => {{ throw new Error('no element matches ' + {JsonSerializer.Serialize(selector)}); }})())";

    /// <inheritdoc />
    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

/// <summary>A JavaScript exception from <see cref="BrowserPage.EvaluateAsync{T}"/>.</summary>
/// <param name="expression">What was evaluated.</param>
/// <param name="message">The exception's description.</param>
public sealed class JavaScriptException(string expression, string message) : Exception($"{message} (evaluating {expression})");
