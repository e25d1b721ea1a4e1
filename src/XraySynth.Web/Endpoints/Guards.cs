using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using XraySynth.Common;
using XraySynth.Web.Safety;

namespace XraySynth.Web.Endpoints;

/// <summary>
/// Middleware around every request: security headers; a Host check (loopback servers answer only to loopback names,
/// against DNS rebinding); state-changing API calls must carry <see cref="RequestHeader"/> (a cross-site form cannot set
/// it); and errors become JSON messages (user errors 4xx with their message, anything else a 500 that names no internals).
/// </summary>
public static class Guards
{
    /// <summary>Header the page sends on POST and DELETE.</summary>
    public const string RequestHeader = "X-XraySynth";

    /// <summary>The middleware.</summary>
    public static async Task Handle(HttpContext context, Func<Task> next, WebServerOptions options, ILogger logger)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        try
        {
            if (options.IsLoopback && !IsLoopbackHost(context.Request.Host.Host))
                throw new Rejected(421, $"this server answers only to localhost or 127.0.0.1, not '{context.Request.Host.Host}'");
            bool changes = HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method) || HttpMethods.IsPut(context.Request.Method);
            if (changes && !context.Request.Headers.ContainsKey(RequestHeader))
                throw new Rejected(403, $"state-changing requests must carry the {RequestHeader} header (the page sends it)");
            await next();
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var (status, message) = e switch
            {
                Rejected r => (r.Status, r.Message),
                UploadRejected u => (u.Status, u.Message),
                NotFound n => (404, n.Message),
                UserError u => (400, u.Message),
                Microsoft.AspNetCore.Http.BadHttpRequestException b => (b.StatusCode, b.StatusCode == 413
                    ? $"the request is larger than the {options.Uploads.MaxBytes:N0}-byte upload limit" : "bad request: " + b.Message),
                InvalidDataException d when d.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) =>
                    (413, $"the upload is larger than the {options.Uploads.MaxBytes:N0}-byte limit"),
                InvalidDataException d => (400, "malformed request: " + d.Message),
                _ => (500, "internal error while handling the request; the server's console has the details"),
            };
            if (status == 500) logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await WriteError(context, status, message);
        }
    }

    /// <summary>Writes <c>{"error": message}</c> with <paramref name="status"/>.</summary>
    public static Task WriteError(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = message }));
    }

    static bool IsLoopbackHost(string host) => host is "localhost" or "127.0.0.1" or "[::1]" or "::1";

    sealed class Rejected(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }
}
