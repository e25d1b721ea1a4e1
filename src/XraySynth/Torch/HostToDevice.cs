using TorchSharp;
using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>
/// Copies host tensors to the compute device without stalling the host. A plain <c>to(cuda)</c> from ordinary
/// (pageable) memory waits until the GPU has finished all the work queued before it, so a training step with a few
/// such copies cannot queue the next step's kernels while the GPU computes. Here the bytes go through page-locked
/// memory with an asynchronous copy on the current stream: the kernels after it see the data, and the pinned buffer
/// is not reused before the copy finishes (libtorch's pinned-memory allocator records the copy).
/// </summary>
public static class HostToDevice
{
    /// <summary>
    /// <paramref name="host"/> (a CPU tensor) on <paramref name="device"/>: on CUDA through pinned memory without a
    /// host sync, elsewhere a plain <c>to(device)</c>. The caller owns the result; <paramref name="host"/> may be
    /// disposed right after.
    /// </summary>
    public static Tensor Copy(Tensor host, Device device)
    {
        if (device.type != DeviceType.CUDA) return host.to(device);
        using var pinned = host.pin_memory();
        return pinned.to(device, non_blocking: true);
    }
}
