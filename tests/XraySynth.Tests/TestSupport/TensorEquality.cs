using static TorchSharp.torch;

namespace XraySynth.Tests.TestSupport;

/// <summary>Exact tensor comparison for tests (bit-exactness claims: resume, formats, same arithmetic).</summary>
public static class TensorEquality
{
    /// <summary>Same shape and exactly the same values.</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape)) return false;
        using var equal = a.eq(b).all();
        return equal.item<bool>();
    }
}
