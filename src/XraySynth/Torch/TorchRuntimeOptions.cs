namespace XraySynth.Torch;

/// <summary>How a command wants torch set up (from <c>--device</c>, <c>--libtorch</c>, <c>--seed</c>).</summary>
public sealed record TorchRuntimeOptions
{
    /// <summary>Device to compute on. Default: auto (CUDA when available, else CPU).</summary>
    public DeviceSpec Device { get; init; } = DeviceSpec.Auto;

    /// <summary>
    /// Folder of an existing libtorch (PyTorch <c>torch/lib</c> or libtorch <c>lib</c>) to load instead of the
    /// bundled CPU one; null reads <c>XRAYSYNTH_LIBTORCH</c>, and if that is unset uses the bundled CPU libtorch.
    /// </summary>
    public string? LibTorchDirectory { get; init; }

    /// <summary>Seed for the C#, CPU and CUDA generators. Default 0: runs are reproducible unless asked otherwise.</summary>
    public long Seed { get; init; }

    /// <summary>Ask libtorch for deterministic algorithms when computing on the CPU (CPU ops are then bit-reproducible); not applied on CUDA. Default true.</summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>Intra-op CPU threads; null keeps libtorch's default (one per physical core).</summary>
    public int? Threads { get; init; }
}
