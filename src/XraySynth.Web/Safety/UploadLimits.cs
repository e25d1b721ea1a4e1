namespace XraySynth.Web.Safety;

/// <summary>What an uploaded image may be.</summary>
public sealed record UploadLimits
{
    /// <summary>Largest upload in bytes (default 20 MiB: a 3000 × 3000 16-bit PNG is about that).</summary>
    public long MaxBytes { get; init; } = 20L << 20;

    /// <summary>Largest decoded image in pixels (default 40 megapixels), checked from the header before decoding, against decompression bombs.</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Longest side the image is stored and diagnosed at (larger images are area-downscaled; the models use far less).</summary>
    public int StoredSide { get; init; } = 1024;
}
