using System.Diagnostics;
using System.Runtime.InteropServices;

namespace XraySynth.Torch;

/// <summary>Name and memory of a CUDA device, which TorchSharp 0.107 does not expose.</summary>
/// <param name="Index">CUDA ordinal.</param>
/// <param name="Name">Marketing name, e.g. "NVIDIA H100 80GB HBM3".</param>
/// <param name="TotalBytes">Device memory in bytes; 0 when unknown.</param>
/// <param name="FreeBytes">Free device memory in bytes; 0 when unknown.</param>
public sealed record CudaDeviceInfo(int Index, string Name, long TotalBytes, long FreeBytes)
{
    static readonly string[] CudaRuntimeNames = ["libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0", "libcudart.so"];

    /// <summary>
    /// Asks the CUDA runtime already loaded with libtorch (cudaGetDeviceProperties, cudaMemGetInfo); falls back
    /// to nvidia-smi; returns a record with "unknown" name when both fail.
    /// </summary>
    public static CudaDeviceInfo Query(int index) => FromCudaRuntime(index) ?? FromNvidiaSmi(index) ?? new CudaDeviceInfo(index, "unknown", 0, 0);

    static unsafe CudaDeviceInfo? FromCudaRuntime(int index)
    {
        // The CUDA runtime libtorch already mapped (a PyTorch wheel's nvidia/cuda_runtime/lib/libcudart.so.12, say)
        // first, so that a second runtime of another version is never loaded beside it.
        IntPtr library = IntPtr.Zero;
        var loaded = NativeTorchLoader.FindLoadedPaths(name => name.StartsWith("libcudart.so", StringComparison.Ordinal));
        foreach (string name in loaded.Concat(CudaRuntimeNames))
            if (NativeLibrary.TryLoad(name, out library)) break;
        if (library == IntPtr.Zero) return null;
        try
        {
            if (!NativeLibrary.TryGetExport(library, "cudaSetDevice", out IntPtr setDevice) ||
                !NativeLibrary.TryGetExport(library, "cudaMemGetInfo", out IntPtr memGetInfo))
                return null;
            IntPtr getProperties = NativeLibrary.TryGetExport(library, "cudaGetDeviceProperties_v2", out IntPtr v2) ? v2
                : NativeLibrary.TryGetExport(library, "cudaGetDeviceProperties", out IntPtr v1) ? v1 : IntPtr.Zero;
            // cudaMemGetInfo reports the calling thread's current device: switch to the one asked for, then back.
            int previous = -1;
            if (NativeLibrary.TryGetExport(library, "cudaGetDevice", out IntPtr getDevice)) ((delegate* unmanaged<int*, int>)getDevice)(&previous);
            if (((delegate* unmanaged<int, int>)setDevice)(index) != 0) return null;
            long free = 0, total = 0;
            int status = ((delegate* unmanaged<long*, long*, int>)memGetInfo)(&free, &total);
            if (previous >= 0 && previous != index) ((delegate* unmanaged<int, int>)setDevice)(previous);
            if (status != 0) return null;
            string name = "unknown";
            if (getProperties != IntPtr.Zero)
            {
                // cudaDeviceProp starts with char name[256]; the whole struct is < 1.5 KB in CUDA 11-13.
                byte* properties = stackalloc byte[8192];
                if (((delegate* unmanaged<byte*, int, int>)getProperties)(properties, index) == 0)
                    name = Marshal.PtrToStringAnsi((IntPtr)properties) ?? "unknown";
            }
            return new CudaDeviceInfo(index, name, total, free);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    static CudaDeviceInfo? FromNvidiaSmi(int index)
    {
        try
        {
            var start = new ProcessStartInfo("nvidia-smi", $"--query-gpu=name,memory.total,memory.free --format=csv,noheader,nounits -i {index}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            string line = process.StandardOutput.ReadLine() ?? "";
            process.WaitForExit(5000);
            string[] parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length < 3) return null;
            long mib = 1024L * 1024;
            return new CudaDeviceInfo(index, parts[0],
                long.TryParse(parts[1], out long t) ? t * mib : 0, long.TryParse(parts[2], out long f) ? f * mib : 0);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
