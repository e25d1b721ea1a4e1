using TorchSharp;
using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>
/// Works around a TorchSharp 0.107 use-after-free: an implicit <c>double → Scalar</c> temporary (as in <c>x + 1e-8</c>)
/// is unreachable once its native handle is read, so the finalizer thread may free it while libtorch still uses it
/// ("Unknown scalar type" crashes after some thousand steps). Hot paths pass scalars through these helpers, which
/// keep the Scalar alive until the native call has returned.
/// </summary>
public static class KeptScalar
{
    /// <summary><c>x + value</c>.</summary>
    public static Tensor Add(Tensor x, double value)
    {
        using var s = value.ToScalar();
        return x.add(s);
    }

    /// <summary><c>x · value</c>.</summary>
    public static Tensor Mul(Tensor x, double value)
    {
        using var s = value.ToScalar();
        return x.mul(s);
    }

    /// <summary><c>x · scale + shift</c>.</summary>
    public static Tensor Affine(Tensor x, double scale, double shift)
    {
        using var a = scale.ToScalar();
        using var b = shift.ToScalar();
        using var product = x.mul(a);
        return product.add(b);
    }

    /// <summary><c>start + weight · (end − start)</c>.</summary>
    public static Tensor Lerp(Tensor start, Tensor end, double weight)
    {
        using var w = tensor(weight, start.dtype, start.device);
        return start.lerp(end, w);
    }

    /// <summary><c>value − x</c>.</summary>
    public static Tensor SubtractFrom(double value, Tensor x)
    {
        using var s = value.ToScalar();
        using var negative = x.neg();
        return negative.add(s);
    }
}
