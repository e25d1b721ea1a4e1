using TorchSharp;
using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>
/// A module's parameters and buffers in TorchSharp's own format (what <c>Module.save</c> writes and
/// <c>Module.load</c> reads: an LEB128 entry count, then per entry its name and the tensor as LEB128 dtype, rank,
/// dims and raw bytes), written and read so that it works for any device and memory layout:
/// <list type="bullet">
/// <item>TorchSharp's <c>Module.save</c> throws "Bytes() called on non-contiguous tensor" on a channels-last
/// (NHWC-strided) weight; here each tensor is written from a dense CPU copy.</item>
/// <item>TorchSharp's <c>Module.load</c> moves a CUDA module to the CPU and back, which replaces every parameter
/// object, so an optimizer built on the old ones is left holding disposed tensors; here every value is copied into the
/// existing tensor in place (any device, any layout), so parameters keep their identity, layout and optimizers.</item>
/// </list>
/// Files stay interchangeable with <c>Module.save</c>/<c>Module.load</c> (same bytes for a dense CPU module).
/// </summary>
public static class ModuleWeights
{
    // TorchSharp copies tensor bytes through a buffer of this size (its default, 1 KiB, means a million calls for a 1 GB model).
    const int CopyBuffer = 1 << 20;

    /// <summary>Writes every parameter and buffer of <paramref name="module"/> (state_dict order).</summary>
    public static void Save(nn.Module module, BinaryWriter writer)
    {
        var entries = module.state_dict();
        Encode(writer, entries.Count);
        foreach (var (name, value) in entries)
        {
            writer.Write(name);
            WriteTensor(writer, value);
        }
    }

    /// <summary>
    /// Reads what <see cref="Save"/> (or <c>Module.save</c>) wrote into <paramref name="module"/>'s existing tensors,
    /// which must match it exactly (same names, dtypes and shapes).
    /// </summary>
    /// <exception cref="ArgumentException">Another number of entries, an unknown name, or another dtype or shape.</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the weights.</exception>
    public static void Load(nn.Module module, BinaryReader reader)
    {
        var entries = module.state_dict();
        long count = Decode(reader);
        if (count != entries.Count)
            throw new ArgumentException($"the weights hold {count} tensors, the {module.GetType().Name} has {entries.Count}");
        for (long i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            if (!entries.TryGetValue(name, out var target))
                throw new ArgumentException($"the weights hold a tensor '{name}' that the {module.GetType().Name} does not have");
            ReadInto(reader, target, name);
        }
    }

    /// <summary>One tensor in TorchSharp's tensor format, from a dense CPU copy.</summary>
    static void WriteTensor(BinaryWriter writer, Tensor value)
    {
        Encode(writer, (long)value.dtype);
        Encode(writer, value.shape.Length);
        foreach (long size in value.shape) Encode(writer, size);
        using var host = value.device_type == DeviceType.CPU ? value.alias() : value.cpu();
        using var dense = host.contiguous();
        dense.WriteBytesToStream(writer.BaseStream, CopyBuffer);
    }

    /// <summary>Reads one tensor into a dense CPU buffer and copies it into <paramref name="target"/> in place.</summary>
    static void ReadInto(BinaryReader reader, Tensor target, string name)
    {
        var dtype = (ScalarType)Decode(reader);
        long rank = Decode(reader);
        if (rank > 16) throw new ArgumentException($"'{name}': a tensor of rank {rank}");
        var shape = new long[rank];
        for (int d = 0; d < rank; d++) shape[d] = Decode(reader);
        if (dtype != target.dtype) throw new ArgumentException($"'{name}' is {dtype} in the weights, {target.dtype} in the model");
        if (!shape.SequenceEqual(target.shape))
            throw new ArgumentException($"'{name}' has shape [{string.Join(", ", shape)}] in the weights, [{string.Join(", ", target.shape)}] in the model");
        using var buffer = empty(shape, dtype, CPU);
        buffer.ReadBytesFromStream(reader.BaseStream, CopyBuffer);
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
