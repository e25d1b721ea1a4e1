using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>8-bit grayscale pixels to the networks' input: float images in [-1, 1] on a device.</summary>
public static class PixelTensors
{
    /// <summary>
    /// uint8 pixels laid out [count, height, width] → float [count, 1, height, width] in [-1, 1] on <paramref name="device"/>:
    /// the bytes are copied to the device first and converted there. The caller owns (or scopes) the result.
    /// </summary>
    public static Tensor FromBytes(byte[] pixels, long count, long height, long width, Device device)
    {
        if (pixels.Length != count * height * width)
            throw new ArgumentException($"expected {count * height * width} pixels for [{count}, {height}, {width}], got {pixels.Length}", nameof(pixels));
        using var bytes = tensor(pixels, new long[] { count, 1, height, width }, ScalarType.Byte);
        using var onDevice = HostToDevice.Copy(bytes, device);
        using var floats = onDevice.to(ScalarType.Float32);
        return KeptScalar.Affine(floats, 1 / 127.5, -1);
    }
}
