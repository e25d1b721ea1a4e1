using System.CommandLine;
using XraySynth.Torch;

namespace XraySynth.Cli;

/// <summary>Options of every command that computes with torch: --device, --libtorch, --seed, --threads.</summary>
public sealed class ComputeOptions
{
    /// <summary>auto | cpu | cuda | cuda:N.</summary>
    public Option<string?> Device { get; } = new("--device") { Description = "auto (CUDA if available), cpu, cuda or cuda:N [default: auto]" };

    /// <summary>Folder of an existing libtorch.</summary>
    public Option<string?> LibTorch { get; } = new("--libtorch")
    {
        Description = $"folder of an installed CUDA libtorch: a PyTorch torch/lib or libtorch/lib (also ${LibTorchDirectory.EnvironmentVariable})",
    };

    /// <summary>Run seed.</summary>
    public Option<long?> Seed { get; } = new("--seed") { Description = "seed for the C#, CPU and CUDA generators [default: 0]" };

    /// <summary>CPU threads.</summary>
    public Option<int?> Threads { get; } = new("--threads") { Description = "CPU threads for torch [default: one per core]" };

    /// <summary>Adds the options to a command that computes.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Device);
        command.Options.Add(LibTorch);
        command.Options.Add(Seed);
        command.Options.Add(Threads);
    }

    /// <summary>The config file's <c>runtime:</c> section with the flags given on the command line applied over it.</summary>
    public RuntimeConfig Resolve(ParseResult result, RuntimeConfig fromFile)
    {
        var config = fromFile;
        if (result.GetValue(Device) is { } device) config = config with { Device = device };
        if (result.GetValue(LibTorch) is { } libtorch) config = config with { Libtorch = libtorch };
        if (result.GetValue(Seed) is { } seed) config = config with { Seed = seed };
        if (result.GetValue(Threads) is { } threads) config = config with { Threads = threads };
        DeviceSpec.Parse(config.Device); // a bad --device is reported before any work starts
        return config;
    }
}
