using TorchSharp.Modules;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using static TorchSharp.torch;
using static XraySynth.Tests.TestSupport.TensorEquality;

namespace XraySynth.Tests.Torch;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class OptimizerStatesTests
{
    static nn.Module<Tensor, Tensor> Net(bool channelsLast)
    {
        random.manual_seed(7);
        var net = nn.Sequential(nn.Conv2d(3, 4, 3, padding: 1), nn.ReLU(), nn.Conv2d(4, 2, 3));
        if (channelsLast) ChannelsLast.Apply(net);
        return net;
    }

    static void Step(nn.Module<Tensor, Tensor> net, OptimizerHelper optimizer, long seed)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(seed);
        var x = randn(2, 3, 6, 6);
        optimizer.zero_grad();
        net.forward(x).square().mean().backward();
        optimizer.step();
    }

    static byte[] Saved(OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) OptimizerStates.Save(optimizer, writer);
        return stream.ToArray();
    }

    static OptimizerHelper Make(string kind, IEnumerable<Parameter> parameters) => kind switch
    {
        "adam" => optim.Adam(parameters, 0.01),
        "adamw" => optim.AdamW(parameters, 0.01),
        _ => new ForeachAdam(parameters, 0.01, weightDecay: 0.01),
    };

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("foreach")]
    public void States_of_channels_last_parameters_save_load_and_continue_exactly(string kind)
    {
        _ = TorchFixture.Cpu;
        using var net = Net(channelsLast: true);
        using var optimizer = Make(kind, net.parameters());
        Step(net, optimizer, 1);
        Step(net, optimizer, 2);
        Assert.Contains(OptimizerStates.Tensors(optimizer), t => ChannelsLast.Is(t) && !t.is_contiguous());
        byte[] bytes = Saved(optimizer);

        // A resume: the same weights in a new NHWC module with a new optimizer, then its state.
        using var copy = Net(channelsLast: true);
        using (no_grad()) foreach (var (a, b) in copy.parameters().Zip(net.parameters())) a.copy_(b);
        using var resumed = Make(kind, copy.parameters());
        using (var reader = new BinaryReader(new MemoryStream(bytes))) OptimizerStates.Load(resumed, reader);

        foreach (var (a, b) in OptimizerStates.Tensors(resumed).Zip(OptimizerStates.Tensors(optimizer)))
        {
            Assert.True(Same(a, b));
            Assert.Equal(ChannelsLast.Is(b), ChannelsLast.Is(a));
        }
        Assert.Equal(bytes, Saved(resumed));
        Step(net, optimizer, 3);
        Step(copy, resumed, 3);
        foreach (var (a, b) in copy.parameters().Zip(net.parameters())) Assert.True(Same(a, b), "a step after the reload differs");
    }

    [Theory]
    [InlineData("adam", "foreach-adam")]
    [InlineData("foreach-adam", "adam")]
    [InlineData("adamw", "foreach-adamw")]
    [InlineData("foreach-adamw", "adamw")]
    public void A_state_moves_between_TorchSharps_Adam_and_the_multi_tensor_Adam_and_continues_exactly(string from, string to)
    {
        // A run resumed after its foreach_adam setting changed, or from a snapshot written before ForeachAdam was the default.
        _ = TorchFixture.Cpu;
        OptimizerHelper Build(string kind, IEnumerable<Parameter> parameters) => kind switch
        {
            "adam" => optim.Adam(parameters, 0.01),
            "adamw" => optim.AdamW(parameters, 0.01, weight_decay: 0.05),
            "foreach-adam" => new ForeachAdam(parameters, 0.01),
            _ => new ForeachAdam(parameters, 0.01, weightDecay: 0.05),
        };
        using var net = Net(channelsLast: true);
        using var optimizer = Build(from, net.parameters());
        Step(net, optimizer, 1);
        Step(net, optimizer, 2);
        byte[] bytes = Saved(optimizer);

        using var copy = Net(channelsLast: true);
        using (no_grad()) foreach (var (a, b) in copy.parameters().Zip(net.parameters())) a.copy_(b);
        using var resumed = Build(to, copy.parameters());
        using (var reader = new BinaryReader(new MemoryStream(bytes))) OptimizerStates.Load(resumed, reader);
        foreach (var (a, b) in OptimizerStates.Tensors(resumed).Zip(OptimizerStates.Tensors(optimizer))) Assert.True(Same(a, b));

        Step(net, optimizer, 3);
        Step(copy, resumed, 3);
        foreach (var (a, b) in copy.parameters().Zip(net.parameters())) Assert.True(Same(a, b), $"a step after moving {from} -> {to} differs");
    }

    [Fact]
    public void A_state_of_another_kind_or_size_is_refused()
    {
        _ = TorchFixture.Cpu;
        using var net = Net(channelsLast: false);
        using var sgd = optim.SGD(net.parameters(), 0.01);
        Step(net, sgd, 1);
        byte[] sgdBytes = Saved(sgd);
        using var foreachAdam = new ForeachAdam(net.parameters(), 0.01);
        using (var reader = new BinaryReader(new MemoryStream(sgdBytes)))
            Assert.Contains("expected the state of a multi-tensor Adam", Assert.Throws<InvalidDataException>(() => OptimizerStates.Load(foreachAdam, reader)).Message);
        Step(net, foreachAdam, 1);
        byte[] foreachBytes = Saved(foreachAdam);
        using var fewer = new ForeachAdam(net.parameters().Take(2), 0.01);
        using (var reader = new BinaryReader(new MemoryStream(foreachBytes)))
            Assert.Contains("holds 4 parameters, this optimizer has 2", Assert.Throws<ArgumentException>(() => OptimizerStates.Load(fewer, reader)).Message);
    }

    [Fact]
    public void Dense_state_is_written_as_TorchSharp_writes_it()
    {
        _ = TorchFixture.Cpu;
        using var net = Net(channelsLast: false);
        using var optimizer = optim.Adam(net.parameters(), 0.01);
        Step(net, optimizer, 1);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        Assert.Equal(stream.ToArray(), Saved(optimizer));
    }
}
