using System.Runtime.InteropServices;
using XraySynth.Common;
using TorchSharp;

namespace XraySynth.Torch;

/// <summary>
/// Loads libtorch and libLibTorchSharp by full path before TorchSharp initialises. Native libraries are
/// process-wide, so this class records, once per process, which libtorch was loaded; asking for a different
/// one later is an error rather than a second copy in memory.
/// </summary>
/// <remarks>
/// Where libtorch comes from, first match wins: <c>--libtorch</c>; <c>XRAYSYNTH_LIBTORCH</c>; the CPU libtorch
/// the build puts in <c>cpu/</c> beside the app; a folder on <c>LD_LIBRARY_PATH</c> holding libtorch_cpu.so
/// (how the GPU machine's launcher points at PyTorch). The bundled CPU libtorch is deliberately not in the
/// folders .NET probes, so TorchSharp's own loader can never map it next to a CUDA libtorch.
/// </remarks>
public static class NativeTorchLoader
{
    /// <summary>Folder beside the app holding the bundled CPU libtorch.</summary>
    public const string BundledFolderName = "cpu";

    static readonly object Gate = new();
    // Mirrors process-wide native state (what the dynamic loader holds), set once under Gate.
    static LoadedTorch? loaded;

    /// <summary>What was loaded, or null before the first <see cref="Load"/>.</summary>
    public static LoadedTorch? Current { get { lock (Gate) return loaded; } }

    /// <summary>
    /// Loads the libtorch in <paramref name="requested"/> (e.g. a CUDA install) or, when null, the first found
    /// of the bundled CPU libtorch and LD_LIBRARY_PATH. Idempotent for the same choice.
    /// </summary>
    /// <param name="requested">The folder the user named, or null.</param>
    /// <param name="origin">How the user named it (for messages), e.g. "--libtorch".</param>
    /// <exception cref="UserError">A library failed to load, none was found, or a different libtorch is already loaded.</exception>
    public static LoadedTorch Load(LibTorchDirectory? requested, string origin = "--libtorch")
    {
        lock (Gate)
        {
            if (loaded is not null)
            {
                if (requested is not null && !string.Equals(loaded.Directory.Path, requested.Path, StringComparison.Ordinal))
                    throw new UserError($"libtorch is already loaded from {loaded.Describe()}; cannot switch to {requested.Path} in the same process.");
                return loaded;
            }
            var (directory, from) = requested is not null ? (requested, origin) : FindDefault();
            loaded = LoadFrom(directory, from);
            return loaded;
        }
    }

    static (LibTorchDirectory, string) FindDefault()
    {
        string bundled = Path.Combine(AppContext.BaseDirectory, BundledFolderName);
        if (File.Exists(Path.Combine(bundled, "libtorch_cpu.so"))) return (LibTorchDirectory.Open(bundled), "bundled CPU libtorch");
        string searchPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "";
        foreach (string folder in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(folder, "libtorch_cpu.so"))) return (LibTorchDirectory.Open(folder), "LD_LIBRARY_PATH");
        throw new UserError($"no libtorch found: the bundled CPU libtorch is not in {bundled} and no folder on LD_LIBRARY_PATH holds " +
                            $"libtorch_cpu.so. Build with 'dotnet build', or point --libtorch (or {LibTorchDirectory.EnvironmentVariable}) " +
                            "at a PyTorch torch/lib or libtorch lib folder.");
    }

    static LoadedTorch LoadFrom(LibTorchDirectory directory, string origin)
    {
        var handles = new Dictionary<string, IntPtr>(StringComparer.Ordinal);
        foreach (string path in directory.LoadOrder())
            handles[LibraryStem(path)] = LoadOrExplain(path, $"{origin} {directory.Path}: could not load {Path.GetFileName(path)}",
                "Is it a libtorch for Linux x86-64 with its dependencies (CUDA runtime, cuDNN) installed beside it?");

        string shim = FindLibTorchSharp();
        handles["LibTorchSharp"] = LoadOrExplain(shim, $"could not load {shim} against the libtorch in {directory.Path}",
            "TorchSharp 0.107 needs a libtorch 2.10 or newer.");

        // TorchSharp's P/Invokes ([DllImport("LibTorchSharp")]) resolve to the handles above. Its own loader's
        // lookups by name ("torch_cpu", "torch_cuda") find no file in the app's folders and fall back to the
        // dynamic loader, which returns the copies already mapped (matched by soname).
        NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, (name, _, _) =>
            handles.TryGetValue(LibraryStem(name), out IntPtr h) ? h : IntPtr.Zero);

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            if (directory.HasCuda) torch.TryInitializeDeviceType(DeviceType.CUDA);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            throw new UserError($"TorchSharp failed to initialise on the libtorch in {directory.Path}: {FirstLine(e)}", e);
        }
        // NNPACK, a mobile-oriented convolution library ATen tries for CPU convolutions that do not run on oneDNN,
        // logs "Could not initialize NNPACK! Reason: Unsupported hardware." at every try on CPUs its cpuinfo does not
        // know (thousands of lines in a CPU run on an AMD Zen 5 VM); oneDNN or ATen's own kernels do the work instead.
        NativeContextSwitches.SetNnpackEnabled(false);
        // Before anything computes: are the CPU convolutions right on this machine? (switches oneDNN off where not)
        return new LoadedTorch(directory, origin) { CpuConvolutions = CpuConvolutionCheck.Run() };
    }

    /// <summary>libLibTorchSharp.so shipped with the app (build output root or runtimes/linux-x64/native).</summary>
    static string FindLibTorchSharp()
    {
        string[] folders =
        [
            AppContext.BaseDirectory,
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"),
            Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? AppContext.BaseDirectory,
        ];
        foreach (string folder in folders)
        {
            string candidate = Path.Combine(folder, "libLibTorchSharp.so");
            if (File.Exists(candidate)) return candidate;
        }
        throw new UserError("libLibTorchSharp.so is not beside the application (looked in " + string.Join(", ", folders) + ").");
    }

    /// <summary>"libtorch_cpu.so" and "torch_cpu" both map to "torch_cpu".</summary>
    static string LibraryStem(string name)
    {
        string file = Path.GetFileName(name);
        if (file.StartsWith("lib", StringComparison.Ordinal)) file = file[3..];
        int so = file.IndexOf(".so", StringComparison.Ordinal);
        return so >= 0 ? file[..so] : file;
    }

    /// <summary>Full path of a loaded native library, read from /proc/self/maps; null if not mapped.</summary>
    public static string? FindLoadedPath(string fileName) => FindLoadedPaths(fileName).FirstOrDefault();

    /// <summary>Every distinct path from which a library of this file name is mapped (more than one means two copies).</summary>
    public static IReadOnlyList<string> FindLoadedPaths(string fileName) => FindLoadedPaths(name => name == fileName);

    /// <summary>Every distinct path mapped into this process whose file name matches, from /proc/self/maps.</summary>
    public static IReadOnlyList<string> FindLoadedPaths(Func<string, bool> fileName)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return [];
        var paths = new List<string>();
        foreach (string line in File.ReadLines(maps))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            string path = line[slash..];
            if (fileName(Path.GetFileName(path)) && !paths.Contains(path)) paths.Add(path);
        }
        return paths;
    }

    static IntPtr LoadOrExplain(string path, string what, string hint)
    {
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new UserError($"{what}: {e.Message.Split('\n')[0]} {hint}", e);
        }
    }

    static string FirstLine(Exception e)
    {
        Exception inner = e;
        while (inner.InnerException is not null && inner is TypeInitializationException) inner = inner.InnerException;
        return inner.Message.Split('\n')[0];
    }
}

/// <summary>The libtorch this process loaded.</summary>
/// <param name="Directory">The folder its libraries were loaded from.</param>
/// <param name="Origin">How that folder was chosen: --libtorch, XRAYSYNTH_LIBTORCH, bundled CPU libtorch, LD_LIBRARY_PATH.</param>
public sealed record LoadedTorch(LibTorchDirectory Directory, string Origin)
{
    /// <summary>Whether the CUDA libraries were loaded.</summary>
    public bool HasCudaLibraries => Directory.HasCuda;

    /// <summary>One line for messages and <c>doctor</c>.</summary>
    public string Describe() => $"{Directory.Path} ({Origin})";

    /// <summary>The CPU convolution self-check run at load (null only for a record made by hand).</summary>
    public CpuConvolutionReport? CpuConvolutions { get; init; }
}
