using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>Turns a host batch into the discriminator's real input at the step's phase.</summary>
public static class RealImages
{
    /// <summary>
    /// uint8 [B, S, S] → float [B, 1, r, r] in [-1, 1] on <paramref name="device"/>: area-downsampled to the phase's
    /// resolution and, during a fade-in, blended with its own 2× coarser version (as the generator's output is).
    /// </summary>
    public static Tensor ToTensor(HostBatch batch, int cacheSize, Device device, ScalarType dtype)
    {
        int b = batch.Phase.BatchSize, r = batch.Phase.Resolution;
        using var scope = NewDisposeScope();
        var x = PixelTensors.FromBytes(batch.Pixels, b, cacheSize, cacheSize, device);
        if (r < cacheSize) x = nn.functional.avg_pool2d(x, new long[] { cacheSize / r, cacheSize / r });
        if (batch.Phase.Alpha < 1)
        {
            var coarse = nn.functional.avg_pool2d(x, new long[] { 2, 2 });
            coarse = nn.functional.interpolate(coarse, scale_factor: new[] { 2.0, 2.0 }, mode: InterpolationMode.Nearest);
            x = KeptScalar.Lerp(coarse, x, batch.Phase.Alpha);
        }
        return x.to(dtype).MoveToOuterDisposeScope();
    }
}
