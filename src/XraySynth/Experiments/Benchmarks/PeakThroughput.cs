namespace XraySynth.Experiments.Benchmarks;

/// <summary>A GPU's dense peak rates in TFLOP/s (datasheet, no sparsity).</summary>
/// <param name="Bf16">bfloat16 tensor cores.</param>
/// <param name="Tf32">TF32 tensor cores.</param>
/// <param name="Fp32">fp32 CUDA cores.</param>
public sealed record PeakThroughput(double Bf16, double Tf32, double Fp32)
{
    /// <summary>The peak for <paramref name="precision"/>.</summary>
    public double For(ComputePrecision precision) => precision switch
    {
        ComputePrecision.Bf16 => Bf16,
        ComputePrecision.Tf32 => Tf32,
        _ => Fp32,
    };
}
