using System.Reflection;
using TorchSharp;

namespace XraySynth.Torch;

/// <summary>What <c>xraysynth doctor</c> prints: the torch stack, the device, and room on disk.</summary>
public sealed record DoctorReport
{
    /// <summary>TorchSharp package version.</summary>
    public required string TorchSharpVersion { get; init; }
    /// <summary>libtorch version (of the external install when one is used).</summary>
    public required string LibTorchVersion { get; init; }
    /// <summary>Where libtorch_cpu.so was loaded from.</summary>
    public required string LibTorchLocation { get; init; }
    /// <summary>Every path libtorch_cpu.so is mapped from; more than one means two copies were loaded (a bug).</summary>
    public required IReadOnlyList<string> LibTorchCopies { get; init; }
    /// <summary>Whether libLibTorchSharp.so's GLIBCXX_3.4.32 need is weak (the build's patch), or null if the file was not found.</summary>
    public bool? LibTorchSharpPatched { get; init; }
    /// <summary>The device commands will use with these options.</summary>
    public required string Device { get; init; }
    /// <summary>Whether CUDA is usable.</summary>
    public required bool CudaAvailable { get; init; }
    /// <summary>One entry per visible CUDA device.</summary>
    public required IReadOnlyList<CudaDeviceInfo> Gpus { get; init; }
    /// <summary>Torch intra-op threads.</summary>
    public required int TorchThreads { get; init; }
    /// <summary>Logical processors of the machine.</summary>
    public required int ProcessorCount { get; init; }
    /// <summary>Whether deterministic algorithms are on.</summary>
    public required bool Deterministic { get; init; }
    /// <summary>The CPU convolution self-check run when libtorch was loaded (see <see cref="CpuConvolutionCheck"/>).</summary>
    public required string CpuConvolutions { get; init; }
    /// <summary>The .NET runtime.</summary>
    public required string DotNetVersion { get; init; }
    /// <summary>Free bytes in each output folder (checkpoints, generated, reports).</summary>
    public required IReadOnlyList<(string Folder, long FreeBytes)> FreeDisk { get; init; }

    /// <summary>Gathers the report from a started runtime; <paramref name="outputFolders"/> are checked for free space.</summary>
    public static DoctorReport Gather(TorchRuntime runtime, IEnumerable<string> outputFolders)
    {
        var gpus = new List<CudaDeviceInfo>();
        if (runtime.CudaAvailable)
            for (int i = 0; i < torch.cuda.device_count(); i++) gpus.Add(CudaDeviceInfo.Query(i));

        string? shim = NativeTorchLoader.FindLoadedPath("libLibTorchSharp.so");
        return new DoctorReport
        {
            TorchSharpVersion = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                                ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
            LibTorchVersion = runtime.Loaded.Directory.ReadVersion() ?? (runtime.Loaded.Origin == "bundled CPU libtorch" ? torch.__version__ : "unknown"),
            LibTorchLocation = runtime.Loaded.Describe(),
            LibTorchCopies = NativeTorchLoader.FindLoadedPaths("libtorch_cpu.so"),
            LibTorchSharpPatched = shim is null ? null : ElfWeakVersionPatcher.IsWeak(shim, ElfWeakVersionPatcher.LibTorchSharpVersion),
            Device = runtime.Device.ToString(),
            CudaAvailable = runtime.CudaAvailable,
            Gpus = gpus,
            TorchThreads = torch.get_num_threads(),
            ProcessorCount = Environment.ProcessorCount,
            Deterministic = NativeContextSwitches.DeterministicAlgorithms(),
            CpuConvolutions = runtime.Loaded.CpuConvolutions?.Describe() ?? "not checked",
            DotNetVersion = Environment.Version.ToString(),
            FreeDisk = outputFolders.Select(f => (f, FreeBytes(f))).ToList(),
        };
    }

    static long FreeBytes(string folder)
    {
        string? existing = Path.GetFullPath(folder);
        while (existing is not null && !Directory.Exists(existing)) existing = Path.GetDirectoryName(existing);
        return existing is null ? 0 : new DriveInfo(existing).AvailableFreeSpace;
    }
}
