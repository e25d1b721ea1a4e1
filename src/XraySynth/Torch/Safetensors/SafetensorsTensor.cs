using static TorchSharp.torch;

namespace XraySynth.Torch.Safetensors;

/// <summary>One named tensor of a safetensors file: dtype, shape and its little-endian bytes (row-major).</summary>
/// <param name="Name">Key in the header, e.g. "body.0.weight".</param>
/// <param name="Dtype">Element type.</param>
/// <param name="Shape">Dimensions (empty for a scalar).</param>
/// <param name="Data">Raw bytes: element size × product of the shape.</param>
public sealed record SafetensorsTensor(string Name, SafetensorsDtype Dtype, IReadOnlyList<long> Shape, byte[] Data)
{
    /// <summary>Number of elements (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>Copies a tensor (any device, any layout) to the host as a safetensors entry.</summary>
    public static SafetensorsTensor From(string name, Tensor tensor)
    {
        using var host = tensor.detach().cpu().contiguous();
        return new SafetensorsTensor(name, SafetensorsDtypes.FromScalarType(host.dtype), host.shape, host.bytes.ToArray());
    }

    /// <summary>A new host tensor holding a copy of <see cref="Data"/>.</summary>
    public Tensor ToTensor()
    {
        var result = empty(Shape.ToArray(), Dtype.ToScalarType());
        result.bytes = Data;
        return result;
    }
}
