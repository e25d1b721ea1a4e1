using static TorchSharp.torch;

namespace XraySynth.Torch.Safetensors;

/// <summary>The element types safetensors names in its header ("F32", "I64", ...) that XraySynth reads and writes.</summary>
public enum SafetensorsDtype
{
    /// <summary>IEEE 754 float32.</summary>
    F32,
    /// <summary>IEEE 754 float64.</summary>
    F64,
    /// <summary>IEEE 754 float16.</summary>
    F16,
    /// <summary>bfloat16.</summary>
    BF16,
    /// <summary>Signed 64-bit integer (e.g. BatchNorm's num_batches_tracked).</summary>
    I64,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Signed 8-bit integer.</summary>
    I8,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8,
    /// <summary>Boolean, one byte per element.</summary>
    BOOL,
}

/// <summary>Sizes, header names and torch types of <see cref="SafetensorsDtype"/>.</summary>
public static class SafetensorsDtypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this SafetensorsDtype dtype) => dtype switch
    {
        SafetensorsDtype.F64 or SafetensorsDtype.I64 => 8,
        SafetensorsDtype.F32 or SafetensorsDtype.I32 => 4,
        SafetensorsDtype.F16 or SafetensorsDtype.BF16 or SafetensorsDtype.I16 => 2,
        _ => 1,
    };

    /// <summary>Parses a header dtype name (exact, upper case as the format writes it); null when unknown.</summary>
    public static SafetensorsDtype? Parse(string name) =>
        Enum.TryParse<SafetensorsDtype>(name, ignoreCase: false, out var dtype) && Enum.IsDefined(dtype) && name == dtype.ToString() ? dtype : null;

    /// <summary>The torch element type of <paramref name="dtype"/>.</summary>
    public static ScalarType ToScalarType(this SafetensorsDtype dtype) => dtype switch
    {
        SafetensorsDtype.F32 => ScalarType.Float32,
        SafetensorsDtype.F64 => ScalarType.Float64,
        SafetensorsDtype.F16 => ScalarType.Float16,
        SafetensorsDtype.BF16 => ScalarType.BFloat16,
        SafetensorsDtype.I64 => ScalarType.Int64,
        SafetensorsDtype.I32 => ScalarType.Int32,
        SafetensorsDtype.I16 => ScalarType.Int16,
        SafetensorsDtype.I8 => ScalarType.Int8,
        SafetensorsDtype.U8 => ScalarType.Byte,
        SafetensorsDtype.BOOL => ScalarType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>The safetensors dtype of a torch element type.</summary>
    /// <exception cref="ArgumentException">A type safetensors has no name for here (e.g. complex).</exception>
    public static SafetensorsDtype FromScalarType(ScalarType type) => type switch
    {
        ScalarType.Float32 => SafetensorsDtype.F32,
        ScalarType.Float64 => SafetensorsDtype.F64,
        ScalarType.Float16 => SafetensorsDtype.F16,
        ScalarType.BFloat16 => SafetensorsDtype.BF16,
        ScalarType.Int64 => SafetensorsDtype.I64,
        ScalarType.Int32 => SafetensorsDtype.I32,
        ScalarType.Int16 => SafetensorsDtype.I16,
        ScalarType.Int8 => SafetensorsDtype.I8,
        ScalarType.Byte => SafetensorsDtype.U8,
        ScalarType.Bool => SafetensorsDtype.BOOL,
        _ => throw new ArgumentException($"no safetensors dtype for {type}"),
    };
}
