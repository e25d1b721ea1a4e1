using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>
/// Channels-last (NHWC) memory layout without a memory_format API (TorchSharp 0.107): permute, make contiguous,
/// permute back gives NCHW-shaped tensors with NHWC strides; cuDNN then picks its faster NHWC kernels.
/// </summary>
public static class ChannelsLast
{
    /// <summary>A 4-D tensor with NHWC strides (same values, same shape).</summary>
    public static Tensor Of(Tensor t) => t.dim() == 4 ? t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : t;

    /// <summary>Re-lays every 4-D parameter of the three networks in place (parameters keep their identity).</summary>
    public static void Apply(GanNetworks networks)
    {
        using var noGrad = no_grad();
        foreach (var module in new[] { networks.Generator, networks.Discriminator, networks.Average })
            foreach (var p in module.parameters())
                if (p.dim() == 4) p.set_(Of(p));
    }
}
