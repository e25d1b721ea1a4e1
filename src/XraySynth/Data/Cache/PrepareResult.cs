namespace XraySynth.Data.Cache;

/// <summary>What <see cref="CachePreparer.Prepare"/> did.</summary>
/// <param name="Folder">Where the cache is.</param>
/// <param name="Count">Images in the cache.</param>
/// <param name="Rebuilt">False when an up-to-date cache was found and reused.</param>
/// <param name="Elapsed">Time spent.</param>
public sealed record PrepareResult(CacheFolder Folder, int Count, bool Rebuilt, TimeSpan Elapsed)
{
    /// <summary>Images per second decoded (0 when reused).</summary>
    public double ImagesPerSecond => Rebuilt && Elapsed > TimeSpan.Zero ? Count / Elapsed.TotalSeconds : 0;
}
