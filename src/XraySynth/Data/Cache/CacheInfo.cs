using System.Text.Json;
using System.Text.Json.Serialization;

namespace XraySynth.Data.Cache;

/// <summary>
/// <c>cache.json</c>: what a prepared cache folder holds and which manifest it was built from. Written last,
/// so a folder without it (or with a stale one) is never read.
/// </summary>
public sealed record CacheInfo
{
    /// <summary>The current cache format; a cache of another version is rebuilt.</summary>
    public const int CurrentFormatVersion = 1;

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Format version of the folder.</summary>
    [JsonPropertyName("format_version")] public int FormatVersion { get; init; } = CurrentFormatVersion;
    /// <summary>Side of the square images in pixels.</summary>
    [JsonPropertyName("size")] public required int Size { get; init; }
    /// <summary>Number of images (rows), in manifest order.</summary>
    [JsonPropertyName("count")] public required int Count { get; init; }
    /// <summary>SHA-256 (lowercase hex) of manifest.csv's bytes when the cache was built.</summary>
    [JsonPropertyName("manifest_sha256")] public required string ManifestSha256 { get; init; }
    /// <summary>Pixel layout of images.u8.</summary>
    [JsonPropertyName("layout")] public string Layout { get; init; } = "uint8 [count, size, size], row-major, rows in manifest order";
    /// <summary>How images were resized.</summary>
    [JsonPropertyName("resize")] public string Resize { get; init; } = "area average";
    /// <summary>What happens to non-square images.</summary>
    [JsonPropertyName("non_square")] public string NonSquare { get; init; } = "center-padded with black to a square, then resized";
    /// <summary>UTC creation time, ISO 8601.</summary>
    [JsonPropertyName("created_utc")] public string CreatedUtc { get; init; } = "";

    /// <summary>Bytes of one image.</summary>
    [JsonIgnore] public long ImageBytes => (long)Size * Size;

    /// <summary>Reads <paramref name="path"/>; null when it is missing or unreadable (the cache is then rebuilt).</summary>
    public static CacheInfo? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<CacheInfo>(File.ReadAllText(path), Json); }
        catch (JsonException) { return null; }
    }

    /// <summary>Writes <paramref name="path"/> atomically.</summary>
    public void Write(string path) =>
        Common.AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(this, Json) + "\n"));
}
