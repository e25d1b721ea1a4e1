using TorchSharp;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>Device memory in use, for the training log (TorchSharp 0.107 has no memory statistics).</summary>
public static class GpuMemory
{
    /// <summary>MiB in use on a CUDA device (whole device, from the CUDA runtime); 0 on the CPU.</summary>
    public static double UsedMib(Device device)
    {
        if (device.type != DeviceType.CUDA) return 0;
        var info = CudaDeviceInfo.Query(Math.Max(0, (int)device.index));
        return info.TotalBytes > 0 ? (info.TotalBytes - info.FreeBytes) / (1024.0 * 1024) : 0;
    }
}
