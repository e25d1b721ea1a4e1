using TorchSharp;
using static TorchSharp.torch;

namespace XraySynth.Data.Loading;

/// <summary>
/// One batch from a <see cref="BatchLoader"/>: the cache rows, their uint8 pixels <c>[B, S, S]</c> and their
/// multi-hot labels <c>[B, L]</c>. Plain arrays, so it can be made on a background thread without torch.
/// </summary>
public sealed class Batch
{
    /// <summary>Epoch the batch belongs to.</summary>
    public int Epoch { get; }
    /// <summary>Index of the batch within its epoch.</summary>
    public int Index { get; }
    /// <summary>Cache (= manifest) rows of the images, in batch order.</summary>
    public int[] Rows { get; }
    /// <summary>Pixels, <c>Count × Size × Size</c> bytes, image after image.</summary>
    public byte[] Pixels { get; }
    /// <summary>Multi-hot labels, <c>Count × LabelCount</c>, row-major, columns in vocabulary order.</summary>
    public float[] Labels { get; }
    /// <summary>Side of the images.</summary>
    public int Size { get; }
    /// <summary>Number of labels per image.</summary>
    public int LabelCount { get; }
    /// <summary>Images in the batch.</summary>
    public int Count => Rows.Length;

    /// <summary>Wraps the arrays (not copied).</summary>
    public Batch(int epoch, int index, int[] rows, byte[] pixels, float[] labels, int size, int labelCount)
    {
        if (pixels.Length != rows.Length * size * size) throw new ArgumentException($"expected {rows.Length * size * size} pixels, got {pixels.Length}", nameof(pixels));
        if (labels.Length != rows.Length * labelCount) throw new ArgumentException($"expected {rows.Length * labelCount} labels, got {labels.Length}", nameof(labels));
        Epoch = epoch; Index = index; Rows = rows; Pixels = pixels; Labels = labels; Size = size; LabelCount = labelCount;
    }

    /// <summary>The pixels of image <paramref name="i"/> of the batch.</summary>
    public Span<byte> Image(int i) => Pixels.AsSpan(i * Size * Size, Size * Size);

    /// <summary>
    /// The images as a float tensor <c>[B, 1, S, S]</c> on <paramref name="device"/>: the uint8 bytes are copied
    /// to the device first and converted there. The caller owns (or scopes) the result.
    /// </summary>
    public Tensor ToTensor(Device device, PixelRange range = PixelRange.MinusOneToOne)
    {
        if (range == PixelRange.MinusOneToOne) return Torch.PixelTensors.FromBytes(Pixels, Count, Size, Size, device);
        using var scope = NewDisposeScope();
        Tensor bytes = tensor(Pixels, [Count, 1, Size, Size], ScalarType.Byte);
        Tensor x = Torch.HostToDevice.Copy(bytes, device).to_type(ScalarType.Float32);
        return Torch.KeptScalar.Mul(x, 1 / 255.0).MoveToOuterDisposeScope();
    }

    /// <summary>The labels as a float tensor <c>[B, L]</c> on <paramref name="device"/>.</summary>
    public Tensor LabelsTensor(Device device)
    {
        using var scope = NewDisposeScope();
        return Torch.HostToDevice.Copy(tensor(Labels, [Count, LabelCount], ScalarType.Float32), device).MoveToOuterDisposeScope();
    }
}
