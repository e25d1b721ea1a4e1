using System.Globalization;

namespace XraySynth.Evaluate;

/// <summary>A statistic on the full data with a bootstrap confidence interval.</summary>
/// <param name="Estimate">The statistic on all images (not a bootstrap mean).</param>
/// <param name="Lower">The (1 − level)/2 quantile of the finite replicates (BCa: its adjusted level); NaN when none was finite.</param>
/// <param name="Upper">The (1 + level)/2 quantile of the finite replicates (BCa: its adjusted level); NaN when none was finite.</param>
/// <param name="Level">Coverage level, e.g. 0.95.</param>
/// <param name="Resamples">Replicates drawn.</param>
/// <param name="NaNResamples">Replicates where the statistic was NaN (e.g. no positive drawn): skipped, counted here.</param>
/// <param name="Seed">Seed the replicates were drawn from (stream <see cref="PatientBootstrap.Stream"/> of it).</param>
/// <param name="Method">How the interval was read off the replicates.</param>
public sealed record BootstrapCi(double Estimate, double Lower, double Upper, double Level, int Resamples, int NaNResamples, long Seed,
    BootstrapMethod Method = BootstrapMethod.Percentile)
{
    /// <summary>Replicates that entered the interval.</summary>
    public int UsedResamples => Resamples - NaNResamples;

    /// <summary>How the interval was drawn, for a methods sentence: "percentile bootstrap over patients, 2000 resamples, seed 0".</summary>
    public string DescribeMethod() =>
        string.Create(CultureInfo.InvariantCulture, $"{Method.Describe()} bootstrap over patients, {Resamples} resamples, seed {Seed}");
}
