using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace XraySynth.Tests.TestSupport.Browser;

/// <summary>
/// One Chrome DevTools protocol connection (a page target's WebSocket): commands matched to replies by id, events
/// handed to a callback, every wait bounded so a hung browser fails a test instead of hanging it.
/// </summary>
public sealed class DevToolsConnection : IAsyncDisposable
{
    readonly ClientWebSocket socket = new();
    readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> pending = new();
    readonly CancellationTokenSource stop = new();
    readonly Action<string, JsonElement> onEvent;
    Task? receiving;
    long nextId;

    /// <summary>Time a command may take before it fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    DevToolsConnection(Action<string, JsonElement> onEvent) => this.onEvent = onEvent;

    /// <summary>Connects to <paramref name="webSocketUrl"/>; events go to <paramref name="onEvent"/> (method, params).</summary>
    public static async Task<DevToolsConnection> ConnectAsync(Uri webSocketUrl, Action<string, JsonElement> onEvent)
    {
        var connection = new DevToolsConnection(onEvent);
        connection.socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await connection.socket.ConnectAsync(webSocketUrl, timeout.Token);
        connection.receiving = Task.Run(connection.ReceiveLoop);
        return connection;
    }

    /// <summary>Sends <paramref name="method"/> and returns its <c>result</c>; a protocol error becomes an exception.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        long id = Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
        byte[] bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        using (var timeout = new CancellationTokenSource(Timeout))
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, timeout.Token);
        var finished = await Task.WhenAny(reply.Task, Task.Delay(Timeout));
        pending.TryRemove(id, out _);
        if (finished != reply.Task) throw new TimeoutException($"DevTools {method}: no reply within {Timeout.TotalSeconds:0} s");
        return await reply.Task;
    }

    async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = document.RootElement;
                if (root.TryGetProperty("id", out var id))
                {
                    if (!pending.TryGetValue(id.GetInt64(), out var reply)) continue;
                    if (root.TryGetProperty("error", out var error)) reply.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
                    else reply.TrySetResult(root.GetProperty("result").Clone());
                }
                else if (root.TryGetProperty("method", out var method))
                    onEvent(method.GetString()!, root.TryGetProperty("params", out var p) ? p.Clone() : default);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        foreach (var reply in pending.Values) reply.TrySetException(new InvalidOperationException("DevTools connection closed"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        if (receiving is not null) await Task.WhenAny(receiving, Task.Delay(2000));
        socket.Dispose();
        stop.Dispose();
    }
}
