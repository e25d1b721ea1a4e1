using System.Runtime.InteropServices;
using XraySynth.Common;
using TorchSharp;

namespace XraySynth.Torch;

/// <summary>
/// Loads libtorch and libLibTorchSharp before TorchSharp initialises. Native libraries are process-wide,
/// so this class records, once per process, which libtorch was loaded; asking for a different one later
/// is an error rather than a second copy in memory.
/// </summary>
public static class NativeTorchLoader
{
    static readonly object Gate = new();
    // Mirrors process-wide native state (what the dynamic loader holds), set once under Gate.
    static LoadedTorch? loaded;

    /// <summary>What was loaded, or null before the first <see cref="Load"/>.</summary>
    public static LoadedTorch? Current { get { lock (Gate) return loaded; } }

    /// <summary>
    /// Loads the libtorch in <paramref name="directory"/> (CUDA from an existing install) or, when null,
    /// the CPU libtorch shipped beside the application. Idempotent for the same choice.
    /// </summary>
    /// <exception cref="UserError">A library failed to load, or a different libtorch is already loaded.</exception>
    public static LoadedTorch Load(LibTorchDirectory? directory)
    {
        lock (Gate)
        {
            if (loaded is not null)
            {
                if (!string.Equals(loaded.ExternalDirectory?.Path, directory?.Path, StringComparison.Ordinal))
                    throw new UserError($"libtorch is already loaded from {loaded.Describe()}; cannot switch to " +
                                        $"{directory?.Path ?? "the bundled CPU libtorch"} in the same process.");
                return loaded;
            }
            loaded = directory is null ? LoadBundled() : LoadExternal(directory);
            return loaded;
        }
    }

    static LoadedTorch LoadBundled()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is DllNotFoundException or NotSupportedException or TypeInitializationException or InvalidOperationException)
        {
            throw new UserError("could not load the bundled CPU libtorch: " + FirstLine(e) +
                                " (was the app built with 'dotnet build'? The build patches libLibTorchSharp.so for Debian 12.)", e);
        }
        return new LoadedTorch(null, FindLoadedPath("libtorch_cpu.so"), false);
    }

    static LoadedTorch LoadExternal(LibTorchDirectory directory)
    {
        var handles = new Dictionary<string, IntPtr>(StringComparer.Ordinal);
        foreach (string path in directory.LoadOrder())
        {
            handles[LibraryStem(path)] = LoadOrExplain(path, $"--libtorch {directory.Path}: could not load {Path.GetFileName(path)}",
                "Is it a libtorch for Linux x86-64 with its dependencies (CUDA runtime, cuDNN) installed beside it?");
        }

        string shim = FindLibTorchSharp();
        handles["LibTorchSharp"] = LoadOrExplain(shim, $"could not load {shim} against the libtorch in {directory.Path}",
            "TorchSharp 0.107 needs a libtorch 2.10 or newer.");

        // Every later lookup TorchSharp makes by name ("torch_cpu", "torch_cuda", "LibTorchSharp") resolves to
        // the handles above, so a CPU libtorch sitting beside the app is never loaded as a second copy.
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
        return new LoadedTorch(directory, Path.Combine(directory.Path, "libtorch_cpu.so"), directory.HasCuda);
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
    public static IReadOnlyList<string> FindLoadedPaths(string fileName)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return [];
        var paths = new List<string>();
        foreach (string line in File.ReadLines(maps))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            string path = line[slash..];
            if (Path.GetFileName(path) == fileName && !paths.Contains(path)) paths.Add(path);
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
/// <param name="ExternalDirectory">The <c>--libtorch</c> folder, or null for the bundled CPU libtorch.</param>
/// <param name="LibTorchCpuPath">Where libtorch_cpu.so was mapped from.</param>
/// <param name="HasCudaLibraries">Whether the CUDA libraries were loaded.</param>
public sealed record LoadedTorch(LibTorchDirectory? ExternalDirectory, string? LibTorchCpuPath, bool HasCudaLibraries)
{
    /// <summary>One line for messages and <c>doctor</c>.</summary>
    public string Describe() => ExternalDirectory is null
        ? $"the bundled CPU libtorch ({LibTorchCpuPath ?? "path unknown"})"
        : ExternalDirectory.Path;
}
