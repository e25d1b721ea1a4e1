using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace XraySynth.Web.Endpoints;

/// <summary>The page itself (HTML, script, style), embedded in this assembly: nothing is loaded from the internet.</summary>
public static class PageEndpoints
{
    /// <summary>Maps <c>/</c> and each embedded asset by its file name (only those names: no path reaches the file system).</summary>
    public static void Map(WebApplication app)
    {
        var assembly = typeof(PageEndpoints).Assembly;
        var assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal))
            .ToDictionary(n => n["wwwroot/".Length..], n => Read(assembly, n), StringComparer.Ordinal);
        foreach (var (name, bytes) in assets)
        {
            string type = ContentType(name);
            app.MapGet("/" + name, () => Results.Bytes(bytes, type));
        }
        if (assets.TryGetValue("index.html", out var index))
            app.MapGet("/", () => Results.Bytes(index, "text/html; charset=utf-8"));
    }

    static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
