using System.Text.Json;
using XraySynth.Common;

namespace XraySynth.Gan.Sharing;

/// <summary>
/// The numbers a model card quotes from the quality stage: quality.json (<c>{"features", "overall": {"fid", "kidMean",
/// "kidSd", "precision", "recall", "density", "coverage"}}</c>) and memorization.json (<c>{"verdict", "flagged",
/// "total"}</c>). Read tolerantly: other fields are ignored, a missing one stays null ("not measured").
/// </summary>
public sealed record QualitySummary
{
    /// <summary>Feature extractor the metrics used.</summary>
    public string? Features { get; init; }
    /// <summary>Fréchet distance.</summary>
    public double? Fid { get; init; }
    /// <summary>KID mean.</summary>
    public double? KidMean { get; init; }
    /// <summary>KID standard deviation over subsets.</summary>
    public double? KidSd { get; init; }
    /// <summary>Precision (Kynkäänniemi et al. 2019).</summary>
    public double? Precision { get; init; }
    /// <summary>Recall.</summary>
    public double? Recall { get; init; }
    /// <summary>Density (Naeem et al. 2020).</summary>
    public double? Density { get; init; }
    /// <summary>Coverage.</summary>
    public double? Coverage { get; init; }
    /// <summary>The memorization audit's verdict.</summary>
    public string? MemorizationVerdict { get; init; }
    /// <summary>Synthetic images flagged as near-copies of training images.</summary>
    public long? Flagged { get; init; }
    /// <summary>Synthetic images audited.</summary>
    public long? Audited { get; init; }

    /// <summary>Reads either file or both (null paths are skipped).</summary>
    /// <exception cref="UserError">A given file is missing or not JSON.</exception>
    public static QualitySummary Read(string? qualityPath, string? memorizationPath)
    {
        var summary = new QualitySummary();
        if (qualityPath is not null)
        {
            using var doc = Parse(qualityPath);
            var root = doc.RootElement;
            var overall = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("overall", out var o) ? o : default;
            summary = summary with
            {
                Features = Text(root, "features"),
                Fid = Number(overall, "fid"), KidMean = Number(overall, "kidMean"), KidSd = Number(overall, "kidSd"),
                Precision = Number(overall, "precision"), Recall = Number(overall, "recall"),
                Density = Number(overall, "density"), Coverage = Number(overall, "coverage"),
            };
        }
        if (memorizationPath is not null)
        {
            using var doc = Parse(memorizationPath);
            var root = doc.RootElement;
            summary = summary with
            {
                MemorizationVerdict = Text(root, "verdict"),
                Flagged = Number(root, "flagged") is { } f ? (long)f : null,
                Audited = Number(root, "total") is { } t ? (long)t : null,
            };
        }
        return summary;
    }

    static JsonDocument Parse(string path)
    {
        if (!File.Exists(path)) throw new UserError($"{path} does not exist");
        try { return JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new UserError($"{path}: not valid JSON ({e.Message})", e); }
    }

    static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
