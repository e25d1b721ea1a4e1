namespace XraySynth.Experiments.Benchmarks;

/// <summary>The arithmetic the convolutions of a run use, which picks the peak it is compared with.</summary>
public enum ComputePrecision
{
    /// <summary>fp32 on CUDA cores (the CPU, or CUDA with cuDNN's TF32 switched off).</summary>
    Fp32,
    /// <summary>fp32 tensors, convolutions on TF32 tensor cores (cuDNN's default in PyTorch and libtorch).</summary>
    Tf32,
    /// <summary>bfloat16 tensor cores.</summary>
    Bf16,
}
