namespace XraySynth.Data.Loading;

/// <summary>
/// Every row of a subset exactly once per epoch, shuffled with a generator derived from (seed, epoch), so
/// resuming at epoch E reproduces E's order; or in the given order when <c>shuffle</c> is false.
/// </summary>
public sealed class ShuffleSampler : ISampler
{
    readonly int[] rows;
    readonly long seed;
    readonly bool shuffle;

    /// <summary>Samples <paramref name="rows"/> (cache rows) each epoch.</summary>
    public ShuffleSampler(IReadOnlyList<int> rows, long seed, bool shuffle = true)
    {
        this.rows = rows.ToArray();
        if (this.rows.Length == 0) throw new ArgumentException("no rows to sample from", nameof(rows));
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /// <inheritdoc />
    public int EpochLength => rows.Length;

    /// <inheritdoc />
    public int[] Order(int epoch)
    {
        int[] order = (int[])rows.Clone();
        if (!shuffle) return order;
        var random = Common.SeedDerivation.CreateRandom(seed, $"shuffle/{epoch}");
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
