using TorchSharp;
using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>
/// One tensor in TorchSharp's tensor format (what its <c>Tensor.Save</c> writes: LEB128 dtype, rank and dims, then the
/// raw bytes), written from and read into tensors on any device and in any memory layout.
/// </summary>
public static class TensorRecords
{
    // TorchSharp copies tensor bytes through a new buffer of this size per tensor (its default, 1 KiB, means a million
    // calls for a 1 GB model); small tensors get one of their own size.
    const int CopyBuffer = 1 << 20;

    static int BufferFor(Tensor t) => (int)Math.Clamp(t.NumberOfElements * t.ElementSize, 1, CopyBuffer);

    /// <summary>Writes <paramref name="value"/> (any device, any layout) from a dense CPU copy.</summary>
    public static void Write(BinaryWriter writer, Tensor value)
    {
        Encode(writer, (long)value.dtype);
        Encode(writer, value.shape.Length);
        foreach (long size in value.shape) Encode(writer, size);
        using var host = value.device_type == DeviceType.CPU ? value.alias() : value.cpu();
        using var dense = host.contiguous();
        dense.WriteBytesToStream(writer.BaseStream, BufferFor(dense));
    }

    /// <summary>
    /// Reads one tensor into a dense CPU buffer and copies it into <paramref name="target"/> in place (any device, any
    /// layout); <paramref name="name"/> names it in errors.
    /// </summary>
    /// <exception cref="ArgumentException">Another dtype or shape than <paramref name="target"/>'s.</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the tensor.</exception>
    public static void ReadInto(BinaryReader reader, Tensor target, string name)
    {
        var dtype = (ScalarType)Decode(reader);
        long rank = Decode(reader);
        if (rank > 16) throw new ArgumentException($"'{name}': a tensor of rank {rank}");
        var shape = new long[rank];
        for (int d = 0; d < rank; d++) shape[d] = Decode(reader);
        if (dtype != target.dtype) throw new ArgumentException($"'{name}' is {dtype} in the file, {target.dtype} in the model");
        if (!shape.SequenceEqual(target.shape))
            throw new ArgumentException($"'{name}' has shape [{string.Join(", ", shape)}] in the file, [{string.Join(", ", target.shape)}] in the model");
        using var buffer = empty(shape, dtype, CPU);
        buffer.ReadBytesFromStream(reader.BaseStream, BufferFor(buffer));
        using var noGrad = no_grad();
        target.copy_(buffer);
    }

    /// <summary>TorchSharp's unsigned LEB128 (7 bits a byte, low bits first).</summary>
    public static void Encode(BinaryWriter writer, long value)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "LEB128 of a negative number");
        while (true)
        {
            byte low = (byte)(value & 0x7f);
            value >>= 7;
            if (value == 0) { writer.Write(low); return; }
            writer.Write((byte)(low | 0x80));
        }
    }

    /// <summary>Reads an unsigned LEB128 number (at most 9 bytes: 63 bits).</summary>
    public static long Decode(BinaryReader reader)
    {
        long result = 0;
        for (int shift = 0; shift < 63; shift += 7)
        {
            byte b = reader.ReadByte();
            result |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new InvalidDataException("an LEB128 number longer than 63 bits");
    }
}
