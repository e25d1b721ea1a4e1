using System.Threading.Channels;
using XraySynth.Data.Cache;
using XraySynth.Data.Loading.Augmentations;

namespace XraySynth.Data.Loading;

/// <summary>
/// Training batches from a <see cref="PreparedCache"/>: a sampler picks the rows of an epoch, a background
/// producer copies (and optionally augments) their pixels into batches and fills a bounded channel, so the
/// next batches are ready while the current one is computed on. Deterministic: batch contents depend only on
/// the sampler's seed, <see cref="LoaderOptions.Seed"/> and the epoch, never on thread timing.
/// </summary>
public sealed class BatchLoader
{
    readonly PreparedCache cache;
    readonly ISampler sampler;
    readonly LoaderOptions options;
    readonly IAugmentation? augmentation;
    readonly float[] labels;
    readonly int labelCount;

    /// <summary>A loader over <paramref name="cache"/>; <paramref name="augmentation"/> null = images as cached.</summary>
    public BatchLoader(PreparedCache cache, ISampler sampler, LoaderOptions options, IAugmentation? augmentation = null)
    {
        options.Check();
        this.cache = cache; this.sampler = sampler; this.options = options; this.augmentation = augmentation;
        float[,] matrix = cache.Dataset.LabelMatrix();
        labelCount = matrix.GetLength(1);
        labels = new float[matrix.Length];
        Buffer.BlockCopy(matrix, 0, labels, 0, matrix.Length * sizeof(float));
    }

    /// <summary>Label names, the columns of <see cref="Batch.Labels"/>.</summary>
    public IReadOnlyList<string> LabelNames => cache.Dataset.Vocabulary.Names;

    /// <summary>Side of the images.</summary>
    public int Size => cache.Size;

    /// <summary>Batches per epoch (the last one partial unless <see cref="LoaderOptions.DropLast"/>).</summary>
    public int BatchesPerEpoch => options.DropLast
        ? sampler.EpochLength / options.BatchSize
        : (sampler.EpochLength + options.BatchSize - 1) / options.BatchSize;

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, made ahead by a background producer. Stopping the
    /// enumeration early stops the producer; a producer failure is rethrown here.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch, CancellationToken cancellation = default)
    {
        int[] order = sampler.Order(epoch);
        var channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(options.Prefetch)
        {
            SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task producer = Task.Run(async () =>
        {
            try
            {
                for (int b = 0; b < BatchesPerEpoch; b++)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    await channel.Writer.WriteAsync(MakeBatch(epoch, b, order), stop.Token).ConfigureAwait(false);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        try
        {
            while (true)
            {
                if (channel.Reader.TryRead(out Batch? batch))
                {
                    yield return batch;
                    continue;
                }
                // Rethrows the producer's exception, if it failed.
                if (!channel.Reader.WaitToReadAsync(cancellation).AsTask().GetAwaiter().GetResult()) break;
            }
        }
        finally
        {
            stop.Cancel();
            producer.GetAwaiter().GetResult(); // never throws: the producer catches everything
        }
    }

    /// <summary>Batch <paramref name="index"/> of an epoch whose rows are <paramref name="order"/>, made on the calling thread.</summary>
    public Batch MakeBatch(int epoch, int index, int[] order)
    {
        int first = index * options.BatchSize;
        int count = Math.Min(options.BatchSize, order.Length - first);
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(index), $"batch {index} is past the epoch's {order.Length} rows");
        int[] rows = order.AsSpan(first, count).ToArray();
        int imageBytes = cache.ImageBytes;
        var pixels = new byte[count * imageBytes];
        var batchLabels = new float[count * labelCount];
        void Fill(int i)
        {
            Span<byte> image = pixels.AsSpan(i * imageBytes, imageBytes);
            cache.Image(rows[i]).CopyTo(image);
            labels.AsSpan(rows[i] * labelCount, labelCount).CopyTo(batchLabels.AsSpan(i * labelCount, labelCount));
            // Each image's generator depends on its position in the epoch only, not on the thread that augments it.
            augmentation?.Apply(image, cache.Size, Common.SeedDerivation.CreateRandom(options.Seed, $"augment/{epoch}/{first + i}"));
        }
        if (options.Workers == 1 || count == 1)
            for (int i = 0; i < count; i++) Fill(i);
        else
        {
            try { Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Workers }, Fill); }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }
        return new Batch(epoch, index, rows, pixels, batchLabels, cache.Size, labelCount);
    }
}
