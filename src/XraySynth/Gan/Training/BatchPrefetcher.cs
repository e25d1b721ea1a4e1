using System.Threading.Channels;
using XraySynth.Common;
using XraySynth.Data.Cache;

namespace XraySynth.Gan.Training;

/// <summary>One step's real batch, gathered on the host.</summary>
/// <param name="Step">The step it belongs to.</param>
/// <param name="ImagesSeenBefore">Images shown before this step (fixes the phase).</param>
/// <param name="Phase">Resolution, alpha and batch size of the step.</param>
/// <param name="Pixels">uint8 [B, S, S] at the cache's size.</param>
/// <param name="Labels">Multi-hot [B, L].</param>
public sealed record HostBatch(long Step, long ImagesSeenBefore, TrainingPhase Phase, byte[] Pixels, float[] Labels);

/// <summary>
/// Gathers the real batches of the coming steps on a background thread into a bounded channel, so the device
/// never waits for data. Step k's rows are drawn from a generator derived from (seed, k): the batches do not
/// depend on timing, thread count or whether the run was resumed.
/// </summary>
public sealed class BatchPrefetcher : IDisposable
{
    readonly Channel<HostBatch> channel;
    readonly CancellationTokenSource stop = new();
    readonly Task producer;

    /// <summary>Starts producing from (<paramref name="step"/>, <paramref name="imagesSeen"/>) until <paramref name="totalImages"/>.</summary>
    public BatchPrefetcher(PreparedCache cache, TrainingRows rows, ProgressiveSchedule schedule, long seed, long step, long imagesSeen, long totalImages, int prefetch)
    {
        channel = Channel.CreateBounded<HostBatch>(new BoundedChannelOptions(Math.Max(1, prefetch)) { SingleReader = true, SingleWriter = true });
        int size = cache.Size, labelCount = cache.Dataset.Vocabulary.Count;
        var labels = cache.Dataset.LabelMatrix();
        producer = Task.Run(async () =>
        {
            try
            {
                long k = step, seen = imagesSeen;
                while (seen < totalImages && !stop.IsCancellationRequested)
                {
                    var phase = schedule.At(seen);
                    int[] picked = rows.Draw(SeedDerivation.CreateRandom(seed, $"gan/batch/{k}"), phase.BatchSize);
                    var pixels = new byte[picked.Length * size * size];
                    var multiHot = new float[picked.Length * labelCount];
                    for (int b = 0; b < picked.Length; b++)
                    {
                        cache.Image(picked[b]).CopyTo(pixels.AsSpan(b * size * size, size * size));
                        for (int l = 0; l < labelCount; l++) multiHot[b * labelCount + l] = labels[picked[b], l];
                    }
                    await channel.Writer.WriteAsync(new HostBatch(k, seen, phase, pixels, multiHot), stop.Token);
                    seen += phase.BatchSize;
                    k++;
                }
                channel.Writer.TryComplete();
            }
            catch (OperationCanceledException)
            {
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        });
    }

    /// <summary>The next batch, or null at the end of training.</summary>
    public HostBatch? Next()
    {
        var read = channel.Reader.ReadAsync().AsTask();
        try
        {
            return read.GetAwaiter().GetResult();
        }
        catch (ChannelClosedException e) when (e.InnerException is null)
        {
            return null;
        }
        catch (ChannelClosedException e)
        {
            throw e.InnerException!;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        stop.Cancel();
        try { producer.Wait(TimeSpan.FromSeconds(10)); }
        catch (AggregateException) { }
        stop.Dispose();
    }
}
