using XraySynth.Common;

namespace XraySynth.Torch;

/// <summary>
/// An existing libtorch installation chosen with <c>--libtorch DIR</c> or <c>XRAYSYNTH_LIBTORCH</c>:
/// a PyTorch wheel's <c>torch/lib</c> or a libtorch archive's <c>lib</c> folder. Knows which files it must
/// hold and the order in which to load them (each after the libraries it links against).
/// </summary>
public sealed record LibTorchDirectory
{
    /// <summary>Environment variable naming the folder when <c>--libtorch</c> is not given.</summary>
    public const string EnvironmentVariable = "XRAYSYNTH_LIBTORCH";

    /// <summary>Libraries every libtorch has, in load order.</summary>
    public static IReadOnlyList<string> CoreLibraries { get; } = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>Libraries a CUDA build adds, with the core library each must follow.</summary>
    public static IReadOnlyList<string> CudaLibraries { get; } = ["libc10_cuda.so", "libtorch_cuda.so"];

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>True when the folder holds the CUDA libraries.</summary>
    public bool HasCuda { get; }

    LibTorchDirectory(string path, bool hasCuda) { Path = path; HasCuda = hasCuda; }

    /// <summary>
    /// Checks <paramref name="directory"/>. Also accepts the folder above <c>lib</c> (a libtorch root or
    /// the <c>torch</c> package folder) and points at its <c>lib</c>.
    /// </summary>
    /// <exception cref="UserError">The folder does not exist or lacks a needed library (named).</exception>
    public static LibTorchDirectory Open(string directory)
    {
        string full = System.IO.Path.GetFullPath(directory);
        if (!Directory.Exists(full))
            throw new UserError($"libtorch folder {directory}: no such folder (expected a PyTorch torch/lib or a libtorch lib folder).");
        string lib = System.IO.Path.Combine(full, "lib");
        if (!File.Exists(System.IO.Path.Combine(full, "libtorch_cpu.so")) && File.Exists(System.IO.Path.Combine(lib, "libtorch_cpu.so")))
            full = lib;

        var missing = CoreLibraries.Where(name => !File.Exists(System.IO.Path.Combine(full, name))).ToList();
        if (missing.Count > 0)
            throw new UserError($"libtorch folder {directory} lacks {string.Join(", ", missing)} " +
                                "(expected a PyTorch torch/lib or a libtorch lib folder, e.g. .../site-packages/torch/lib).");

        var cuda = CudaLibraries.Where(name => File.Exists(System.IO.Path.Combine(full, name))).ToList();
        if (cuda.Count == 1)
            throw new UserError($"libtorch folder {directory} has {cuda[0]} but lacks " +
                                $"{CudaLibraries.Single(n => n != cuda[0])}: the CUDA libtorch is incomplete.");
        return new LibTorchDirectory(full, cuda.Count == 2);
    }

    /// <summary>Full paths of the libraries to load, each after those it depends on.</summary>
    public IReadOnlyList<string> LoadOrder()
    {
        var names = HasCuda
            ? new[] { "libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so" }
            : CoreLibraries.ToArray();
        return names.Select(n => System.IO.Path.Combine(Path, n)).ToList();
    }

    /// <summary>
    /// The version the installation states: PyTorch's <c>torch/version.py</c> (<c>__version__ = '2.11.0+cu128'</c>)
    /// or libtorch's <c>build-version</c> file; null when neither is there.
    /// </summary>
    public string? ReadVersion()
    {
        string parent = System.IO.Path.GetDirectoryName(Path) ?? Path;
        string versionPy = System.IO.Path.Combine(parent, "version.py");
        if (File.Exists(versionPy))
        {
            foreach (string line in File.ReadLines(versionPy))
            {
                string t = line.Trim();
                if (t.StartsWith("__version__", StringComparison.Ordinal) && t.Contains('='))
                    return t[(t.IndexOf('=') + 1)..].Trim().Trim('\'', '"');
            }
        }
        string buildVersion = System.IO.Path.Combine(parent, "build-version");
        return File.Exists(buildVersion) ? File.ReadAllText(buildVersion).Trim() : null;
    }
}
