namespace XraySynth.Gan.Sharing;

/// <summary>What a bundle may hold before it is refused unread (zip bombs, runaway files).</summary>
public sealed record BundleLimits
{
    /// <summary>Most entries (a bundle has six).</summary>
    public int MaxEntries { get; init; } = 32;

    /// <summary>Largest decompressed entry, in bytes.</summary>
    public long MaxEntryBytes { get; init; } = 1L << 30;

    /// <summary>Largest decompressed total, in bytes.</summary>
    public long MaxTotalBytes { get; init; } = 2L << 30;

    /// <summary>Highest decompressed / compressed ratio of an entry over 1 MiB (weights barely compress; a bomb does by 1000×).</summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>The limits <c>gan verify</c>, <c>info</c> and <c>sample --bundle</c> use.</summary>
    public static BundleLimits Default { get; } = new();
}
