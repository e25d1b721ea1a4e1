using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Torch;

/// <summary>The <c>runtime:</c> section of a config file: where and how torch computes.</summary>
public sealed record RuntimeConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "runtime";

    [Description("Device: auto (CUDA if available), cpu, cuda or cuda:N.")]
    public string Device { get; init; } = "auto";

    [Description("Folder of an existing libtorch (PyTorch torch/lib or libtorch lib) for CUDA; null = bundled CPU libtorch.")]
    public string? Libtorch { get; init; }

    [Description("Seed for the C#, CPU and CUDA generators.")]
    [ConfigRange(0, long.MaxValue)]
    public long Seed { get; init; }

    [Description("Deterministic algorithms on the CPU (bit-reproducible CPU runs); CUDA runs use cuDNN autotuning instead.")]
    public bool Deterministic { get; init; } = true;

    [Description("CPU threads for torch; null = one per physical core.")]
    [ConfigRange(1, 1024)]
    public int? Threads { get; init; }

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        string? error = null;
        try { DeviceSpec.Parse(Device); }
        catch (Common.UserError e) { error = e.Message; }
        if (error is not null) yield return ("device", $"'{Device}' is not a device: expected auto, cpu, cuda or cuda:N");
    }

    /// <summary>The options <see cref="TorchRuntime.Start"/> takes.</summary>
    public TorchRuntimeOptions ToOptions() => new()
    {
        Device = DeviceSpec.Parse(Device),
        LibTorchDirectory = Libtorch,
        Seed = Seed,
        Deterministic = Deterministic,
        Threads = Threads,
    };
}
