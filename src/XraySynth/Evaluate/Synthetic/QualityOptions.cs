namespace XraySynth.Evaluate.Synthetic;

/// <summary>Settings of the synthetic-image quality metrics.</summary>
public sealed record QualityOptions
{
    /// <summary>k of the k-NN balls for precision/recall and density/coverage (5, as in Naeem et al. 2020).</summary>
    public int K { get; init; } = 5;
    /// <summary>KID: number of random subsets (100, as in StyleGAN2-ADA's metrics).</summary>
    public int KidSubsets { get; init; } = 100;
    /// <summary>KID: points per subset, capped by the smaller set (1000).</summary>
    public int KidSubsetSize { get; init; } = 1000;
    /// <summary>Seed of the KID subsets.</summary>
    public long Seed { get; init; }
}
