namespace XraySynth.Data.Loading;

/// <summary>How a <see cref="BatchLoader"/> batches and prefetches.</summary>
public sealed record LoaderOptions
{
    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Drop the last batch of an epoch when it is smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; }

    /// <summary>Batches made ahead of the consumer (the bounded channel's capacity).</summary>
    public int Prefetch { get; init; } = 4;

    /// <summary>Threads that copy and augment the images of one batch; 1 = the producer thread alone.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Seed of the augmentations (each image's generator derives from (seed, epoch, position)).</summary>
    public long Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a non-positive size, prefetch or worker count.</summary>
    public void Check()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"{BatchSize}: expected 1 or more");
        if (Prefetch < 1) throw new ArgumentOutOfRangeException(nameof(Prefetch), $"{Prefetch}: expected 1 or more");
        if (Workers < 1) throw new ArgumentOutOfRangeException(nameof(Workers), $"{Workers}: expected 1 or more");
    }
}
