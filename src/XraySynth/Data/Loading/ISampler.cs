namespace XraySynth.Data.Loading;

/// <summary>Decides which cache rows an epoch visits, in which order; the same epoch always gives the same order.</summary>
public interface ISampler
{
    /// <summary>Rows drawn per epoch.</summary>
    int EpochLength { get; }

    /// <summary>The rows of epoch <paramref name="epoch"/>, in visiting order (a function of the seed and the epoch only).</summary>
    int[] Order(int epoch);
}
