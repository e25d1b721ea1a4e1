namespace XraySynth.Data.Checks;

/// <summary>What <see cref="DatasetChecks.Run"/> does beyond the cheap checks.</summary>
public sealed record CheckOptions
{
    /// <summary>Fully decode every image (slow) instead of reading only its header.</summary>
    public bool Decode { get; init; }

    /// <summary>Slack in pixels allowed when a box touches the image border.</summary>
    public double BoxTolerance { get; init; } = 0.5;

    /// <summary>
    /// Side of the prepared cache the caller reads its pixels from (trainers), or null. When that cache is up to
    /// date with manifest.csv, image files missing on disk are one warning instead of an error each: a dataset
    /// folder copied with its cache and without its images (to a cluster node or a GPU machine) still trains.
    /// </summary>
    public int? CachedSize { get; init; }
}
