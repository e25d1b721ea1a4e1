using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Tests.Torch;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class ChannelsLastTests
{
    [Fact]
    public void A_tensor_keeps_its_values_and_shape_with_nhwc_strides()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 4, 5);
        var y = ChannelsLast.Of(x);
        Assert.Equal(x.shape, y.shape);
        Assert.True(x.eq(y).all().item<bool>());
        Assert.False(ChannelsLast.Is(x));
        Assert.True(ChannelsLast.Is(y));
        Assert.Equal(new long[] { 60, 1, 15, 3 }, new[] { y.stride(0), y.stride(1), y.stride(2), y.stride(3) });
    }

    [Fact]
    public void Conv_weights_are_relaid_in_place_and_outputs_stay_the_same()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var conv = nn.Conv2d(3, 4, 3, padding: 1);
        var x = randn(2, 3, 6, 6);
        var before = conv.forward(x);
        var weight = conv.weight!;

        Assert.Equal(1, ChannelsLast.Apply(conv));   // the weight; the 1-d bias is left alone

        Assert.Same(weight, conv.weight);
        Assert.True(ChannelsLast.Is(conv.weight!));
        var after = conv.forward(ChannelsLast.Of(x));
        Assert.True(ChannelsLast.Is(after));
        Assert.True(before.allclose(after, rtol: 1e-5, atol: 1e-6));
    }
}
