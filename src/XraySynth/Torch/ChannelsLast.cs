using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>
/// The channels-last (NHWC) memory layout without a <c>memory_format</c> API (TorchSharp 0.107 has none): a
/// tensor's values stay [N, C, H, W] but its strides become those of an NHWC array, and every op that preserves
/// the input's layout (convolutions, pooling, elementwise) then runs cuDNN's NHWC kernels, which use the tensor
/// cores without transposes. Parameters keep their identity, so do this after moving to the device and before
/// building the optimizer (its state copies the parameters' layout).
/// </summary>
public static class ChannelsLast
{
    /// <summary>
    /// <paramref name="tensor"/>'s values in a new NHWC-strided [N, C, H, W] tensor; tensors of other ranks are
    /// returned as a new handle to the same data.
    /// </summary>
    public static Tensor Of(Tensor tensor)
    {
        if (tensor.dim() != 4) return tensor.alias();
        using var nhwc = tensor.permute(0, 2, 3, 1);
        using var packed = nhwc.contiguous();
        return packed.permute(0, 3, 1, 2);
    }

    /// <summary>True when <paramref name="tensor"/> is a 4-d tensor with NHWC strides (channels innermost).</summary>
    public static bool Is(Tensor tensor)
    {
        if (tensor.dim() != 4) return false;
        long c = tensor.shape[1], h = tensor.shape[2], w = tensor.shape[3];
        return tensor.stride(1) == 1 && tensor.stride(3) == c && tensor.stride(2) == c * w && tensor.stride(0) == c * h * w;
    }

    /// <summary>Re-lays every 4-d parameter of <paramref name="module"/> (conv weights) NHWC in place; returns how many.</summary>
    public static int Apply(nn.Module module)
    {
        int count = 0;
        using var noGrad = no_grad();
        foreach (var parameter in module.parameters())
        {
            if (parameter.dim() != 4) continue;
            using var nhwc = Of(parameter);
            parameter.set_(nhwc);
            count++;
        }
        return count;
    }

    /// <summary>
    /// Makes each NHWC-strided tensor among <paramref name="tensors"/> dense (row-major NCHW) in place, keeping its
    /// identity, until the returned scope is disposed, which lays exactly those out NHWC again. For code that reads or
    /// writes raw tensor bytes, which TorchSharp refuses on a non-contiguous tensor (e.g. optimizer state files).
    /// </summary>
    public static IDisposable DenseWhile(IEnumerable<Tensor> tensors)
    {
        var relaid = new List<Tensor>();
        using var noGrad = no_grad();
        foreach (var t in tensors)
        {
            if (!Is(t) || t.is_contiguous()) continue;
            using var dense = t.contiguous();
            t.set_(dense);
            relaid.Add(t);
        }
        return new Relayout(relaid);
    }

    sealed class Relayout(List<Tensor> tensors) : IDisposable
    {
        public void Dispose()
        {
            using var noGrad = no_grad();
            foreach (var t in tensors)
            {
                using var nhwc = Of(t);
                t.set_(nhwc);
            }
            tensors.Clear();
        }
    }
}
