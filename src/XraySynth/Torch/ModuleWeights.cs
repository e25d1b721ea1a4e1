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
    /// <summary>Writes every parameter and buffer of <paramref name="module"/> (state_dict order).</summary>
    public static void Save(nn.Module module, BinaryWriter writer)
    {
        var entries = module.state_dict();
        TensorRecords.Encode(writer, entries.Count);
        foreach (var (name, value) in entries)
        {
            writer.Write(name);
            TensorRecords.Write(writer, value);
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
        long count = TensorRecords.Decode(reader);
        if (count != entries.Count)
            throw new ArgumentException($"the weights hold {count} tensors, the {module.GetType().Name} has {entries.Count}");
        for (long i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            if (!entries.TryGetValue(name, out var target))
                throw new ArgumentException($"the weights hold a tensor '{name}' that the {module.GetType().Name} does not have");
            TensorRecords.ReadInto(reader, target, name);
        }
    }
}
