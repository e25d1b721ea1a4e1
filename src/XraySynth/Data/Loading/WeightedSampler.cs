namespace XraySynth.Data.Loading;

/// <summary>
/// Draws rows with replacement, each with probability proportional to its weight (e.g. inverse label
/// frequency for label-balanced training). Draws come from a generator derived from (seed, epoch).
/// </summary>
public sealed class WeightedSampler : ISampler
{
    readonly int[] rows;
    readonly double[] cumulative;
    readonly long seed;

    /// <summary>Samples <paramref name="rows"/> with <paramref name="weights"/> (same length, finite, ≥ 0, not all 0).</summary>
    /// <param name="rows">Cache rows that may be drawn.</param>
    /// <param name="weights">Relative weight of each row.</param>
    /// <param name="epochLength">Draws per epoch; null = the number of rows.</param>
    /// <param name="seed">Seed of the draws.</param>
    public WeightedSampler(IReadOnlyList<int> rows, IReadOnlyList<double> weights, long seed, int? epochLength = null)
    {
        if (rows.Count == 0) throw new ArgumentException("no rows to sample from", nameof(rows));
        if (weights.Count != rows.Count) throw new ArgumentException($"{weights.Count} weights for {rows.Count} rows", nameof(weights));
        this.rows = rows.ToArray();
        cumulative = new double[rows.Count];
        double total = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            double w = weights[i];
            if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"weight {w} of row {rows[i]}: expected a finite number >= 0", nameof(weights));
            total += w;
            cumulative[i] = total;
        }
        if (total <= 0) throw new ArgumentException("all weights are 0", nameof(weights));
        EpochLength = epochLength ?? rows.Count;
        if (EpochLength < 1) throw new ArgumentOutOfRangeException(nameof(epochLength), $"{EpochLength}: expected 1 or more");
        this.seed = seed;
    }

    /// <inheritdoc />
    public int EpochLength { get; }

    /// <inheritdoc />
    public int[] Order(int epoch)
    {
        var random = Common.SeedDerivation.CreateRandom(seed, $"weighted/{epoch}");
        double total = cumulative[^1];
        var order = new int[EpochLength];
        for (int i = 0; i < order.Length; i++)
        {
            double u = random.NextDouble() * total;
            int k = Array.BinarySearch(cumulative, u);
            k = k >= 0 ? k + 1 : ~k; // first cumulative strictly above u: zero-weight rows are never drawn
            order[i] = rows[Math.Min(k, rows.Length - 1)];
        }
        return order;
    }
}
