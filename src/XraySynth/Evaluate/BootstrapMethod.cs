namespace XraySynth.Evaluate;

/// <summary>How a bootstrap confidence interval is read off the replicates.</summary>
public enum BootstrapMethod
{
    /// <summary>Percentile interval: the (1 − level)/2 and (1 + level)/2 quantiles of the replicates.</summary>
    Percentile,

    /// <summary>
    /// Bias-corrected and accelerated interval (Efron 1987): the quantile levels are shifted by the bias correction
    /// z0 (how many replicates fall below the estimate) and the acceleration a (skewness of a leave-one-patient-out
    /// jackknife). Closer to nominal coverage than the percentile interval for skewed statistics on few positives.
    /// </summary>
    Bca,
}
