namespace XraySynth.Evaluate;

/// <summary>How patient-bootstrap confidence intervals are drawn.</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of bootstrap replicates (resampled patient sets).</summary>
    public int Resamples { get; init; } = 2000;

    /// <summary>Coverage of the intervals.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>Seed of the replicates; the same seed and patients give the same replicates for every statistic.</summary>
    public long Seed { get; init; }

    /// <summary>Percentile (default) or BCa intervals.</summary>
    public BootstrapMethod Method { get; init; } = BootstrapMethod.Percentile;
}
