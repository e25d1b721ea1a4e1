namespace XraySynth.Evaluate;

/// <summary>Names of the bootstrap interval types for tables, captions and methods sentences.</summary>
public static class BootstrapMethodText
{
    /// <summary>"percentile" or "bca": the name the command line and the configs take.</summary>
    public static string ShortName(this BootstrapMethod method) => method switch
    {
        BootstrapMethod.Bca => "bca",
        _ => "percentile",
    };

    /// <summary>"percentile" or "BCa (bias-corrected and accelerated; ...)": the interval type, for a methods sentence.</summary>
    public static string Describe(this BootstrapMethod method) => method switch
    {
        BootstrapMethod.Bca => "BCa (bias-corrected and accelerated; acceleration from a leave-one-patient-out jackknife)",
        _ => "percentile",
    };

    /// <summary>
    /// How the intervals of a table were drawn ("percentile bootstrap over patients, 2000 resamples, seed 0"), from one
    /// of them; "bootstrap over patients" for an empty table.
    /// </summary>
    public static string DescribeDraw(BootstrapCi? any) => any?.DescribeMethod() ?? "bootstrap over patients";
}
