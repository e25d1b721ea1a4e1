using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>
/// A 2-D convolution (zero padding, same parameters, initialisation and state-dict names as <c>nn.Conv2d</c>) whose
/// fp32 weight and bias are cast to the input's dtype: a bfloat16 input runs a bfloat16 convolution on fp32 master
/// weights, and autograd returns fp32 gradients to them (TorchSharp 0.107 has no autocast). With an fp32 input it is
/// exactly <c>nn.Conv2d</c>.
/// </summary>
public sealed class CastConv2d : Convolution
{
    CastConv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, bool bias)
        : base(nameof(CastConv2d), inChannels, outChannels, [kernelSize, kernelSize], [stride, stride], [padding, padding], null,
            [1, 1], false, [0, 0], 1, bias, TorchSharp.PaddingModes.Zeros)
    {
    }

    /// <summary>A square-kernel convolution, as <c>nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding, bias)</c>.</summary>
    public static CastConv2d Create(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true) =>
        new(inChannels, outChannels, kernelSize, stride, padding, bias);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (!ValidateShape(input, 2))
            throw new ArgumentException($"expected a [N, {in_channels}, H, W] input, got [{string.Join(", ", input.shape)}]", nameof(input));
        if (input.dtype == weight.dtype)
            return nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
        using var scope = NewDisposeScope();
        var castWeight = weight.to(input.dtype);
        var castBias = bias?.to(input.dtype);
        return nn.functional.conv2d(input, castWeight, castBias, stride, padding, dilation, groups).MoveToOuterDisposeScope();
    }
}
