using TorchSharp;
using XraySynth.Common;

namespace XraySynth.Torch;

/// <summary>
/// Torch, ready to compute: libtorch loaded (bundled CPU or an existing CUDA install), the device chosen,
/// every generator seeded. Every command that computes starts here.
/// </summary>
public sealed class TorchRuntime
{
    /// <summary>The libtorch in use.</summary>
    public LoadedTorch Loaded { get; }

    /// <summary>The device computations run on.</summary>
    public torch.Device Device { get; }

    /// <summary>The seed every generator was derived from.</summary>
    public long Seed { get; }

    /// <summary>Whether a CUDA device is usable in this process.</summary>
    public bool CudaAvailable { get; }

    TorchRuntime(LoadedTorch loaded, torch.Device device, long seed, bool cudaAvailable)
    {
        Loaded = loaded; Device = device; Seed = seed; CudaAvailable = cudaAvailable;
    }

    /// <summary>Loads libtorch, resolves the device, seeds C#/CPU/CUDA generators.</summary>
    /// <exception cref="UserError">CUDA was requested but is not available, or libtorch failed to load.</exception>
    public static TorchRuntime Start(TorchRuntimeOptions options)
    {
        string? environment = Environment.GetEnvironmentVariable(LibTorchDirectory.EnvironmentVariable);
        LoadedTorch loaded = !string.IsNullOrWhiteSpace(options.LibTorchDirectory)
            ? NativeTorchLoader.Load(LibTorchDirectory.Open(options.LibTorchDirectory), "--libtorch")
            : !string.IsNullOrWhiteSpace(environment)
                ? NativeTorchLoader.Load(LibTorchDirectory.Open(environment), LibTorchDirectory.EnvironmentVariable)
                : NativeTorchLoader.Load(null);

        bool cuda = loaded.HasCudaLibraries && torch.cuda.is_available();
        int cudaCount = cuda ? torch.cuda.device_count() : 0;
        torch.Device device = ResolveDevice(options.Device, loaded, cuda, cudaCount);

        if (options.Threads is int threads)
        {
            if (threads < 1) throw new UserError($"--threads {threads}: expected 1 or more.");
            torch.set_num_threads(threads);
        }
        // Deterministic algorithms make CPU runs bit-reproducible. On CUDA they are not asked for: there libtorch warns at
        // every call of an op without a deterministic kernel (cuBLAS GEMMs unless CUBLAS_WORKSPACE_CONFIG is set, the
        // backward of nearest upsampling and adaptive pooling: thousands of lines a run) and forbids cuDNN autotuning,
        // which picks the fastest convolution algorithm per shape. Seeds still fix every random draw there.
        bool deterministic = options.Deterministic && device.type == DeviceType.CPU;
        if (deterministic) NativeContextSwitches.SetDeterministicAlgorithms(true, warnOnly: true);
        if (device.type == DeviceType.CUDA) NativeContextSwitches.SetBenchmarkCuDnn(true);
        var runtime = new TorchRuntime(loaded, device, options.Seed, cuda);
        runtime.Reseed(options.Seed);
        return runtime;
    }

    /// <summary>
    /// The same libtorch and device with another run seed (every generator reseeded from it): what an experiment that
    /// trains several seeds in one process hands to each training.
    /// </summary>
    public TorchRuntime WithSeed(long seed)
    {
        var runtime = new TorchRuntime(Loaded, Device, seed, CudaAvailable);
        runtime.Reseed(seed);
        return runtime;
    }

    /// <summary>Maps a device request onto what this process has; never falls back silently from CUDA to CPU.</summary>
    public static torch.Device ResolveDevice(DeviceSpec spec, LoadedTorch loaded, bool cudaAvailable, int cudaCount)
    {
        if (NativeTorchLoader.Current is null)
            throw new InvalidOperationException("libtorch is not loaded yet: start torch with TorchRuntime.Start before using torch types");
        switch (spec.Kind)
        {
            case DeviceRequest.Cpu:
                return torch.CPU;
            case DeviceRequest.Auto:
                return cudaAvailable ? new torch.Device(DeviceType.CUDA, 0) : torch.CPU;
            default:
                if (!loaded.HasCudaLibraries)
                    throw new UserError($"--device {spec}: CUDA is not available: XraySynth is using {loaded.Describe()}. " +
                                        $"Point --libtorch (or {LibTorchDirectory.EnvironmentVariable}) at a CUDA PyTorch's torch/lib " +
                                        "or a CUDA libtorch's lib folder, or use --device cpu.");
                if (!cudaAvailable)
                    throw new UserError($"--device {spec}: the CUDA libtorch in {loaded.Directory.Path} loaded, but no CUDA device " +
                                        "is usable (driver missing, or CUDA_VISIBLE_DEVICES hides every GPU). Check nvidia-smi.");
                int index = spec.Index ?? 0;
                if (index >= cudaCount)
                    throw new UserError($"--device {spec}: only {cudaCount} CUDA device(s) visible (cuda:0 .. cuda:{cudaCount - 1}).");
                return new torch.Device(DeviceType.CUDA, index);
        }
    }

    /// <summary>Seeds torch's CPU generator and every CUDA generator with <paramref name="seed"/>.</summary>
    public void Reseed(long seed)
    {
        torch.random.manual_seed(seed);
        if (CudaAvailable) torch.cuda.manual_seed_all(seed);
    }

    /// <summary>
    /// A C# generator for one named stream (e.g. "phantom", "split"), derived from the run seed so streams
    /// are independent of each other and of the order in which they are created.
    /// </summary>
    public Random CreateRandom(string stream) => SeedDerivation.CreateRandom(Seed, stream);

    /// <summary>A torch CPU generator for one named stream, derived like <see cref="CreateRandom"/>.</summary>
    public torch.Generator CreateGenerator(string stream) => new((ulong)SeedDerivation.Derive(Seed, stream), torch.CPU);
}
