using System.Text.Json.Serialization;

namespace XraySynth.Data;

/// <summary>dataset.json: what a dataset folder is, where it came from, under which license.</summary>
public sealed record DatasetInfo
{
    /// <summary>Format version of the dataset folder.</summary>
    [JsonPropertyName("format_version")] public int FormatVersion { get; init; } = 1;
    /// <summary>Short name (e.g. nih-cxr14, phantom).</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Label vocabulary in column order.</summary>
    [JsonPropertyName("labels")] public required IReadOnlyList<string> Labels { get; init; }
    /// <summary>Where the images came from (source folder, citation).</summary>
    [JsonPropertyName("origin")] public string Origin { get; init; } = "";
    /// <summary>License of the images.</summary>
    [JsonPropertyName("license")] public string License { get; init; } = "";
    /// <summary>The command line that created the folder.</summary>
    [JsonPropertyName("created_by")] public string CreatedBy { get; init; } = "";
    /// <summary>UTC creation time, ISO 8601.</summary>
    [JsonPropertyName("created_utc")] public string CreatedUtc { get; init; } = "";

    /// <summary>The vocabulary object for <see cref="Labels"/>.</summary>
    public LabelVocabulary Vocabulary() => new(Labels);

    /// <summary>Record equality compares label lists by content.</summary>
    public bool Equals(DatasetInfo? other) =>
        other is not null && FormatVersion == other.FormatVersion && Name == other.Name && Labels.SequenceEqual(other.Labels) &&
        Origin == other.Origin && License == other.License && CreatedBy == other.CreatedBy && CreatedUtc == other.CreatedUtc;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Labels.Count, Origin, CreatedUtc);
}
