using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using static TorchSharp.torch;
using static XraySynth.Tests.TestSupport.TensorEquality;

namespace XraySynth.Tests.Torch;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class ModuleWeightsTests
{
    static nn.Module<Tensor, Tensor> Net(long seed)
    {
        random.manual_seed(seed);
        return nn.Sequential(nn.Conv2d(3, 4, 3, padding: 1), nn.BatchNorm2d(4), nn.ReLU(), nn.Conv2d(4, 2, 1), nn.Flatten(), nn.Linear(2 * 5 * 5, 3));
    }

    static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) write(writer);
        return stream.ToArray();
    }

    static void LoadFrom(byte[] bytes, Action<BinaryReader> read)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        read(reader);
        Assert.Equal(bytes.Length, reader.BaseStream.Position);
    }

    static void AssertSameValues(nn.Module a, nn.Module b)
    {
        foreach (var ((name, x), (_, y)) in a.state_dict().Zip(b.state_dict()))
            Assert.True(Same(x, y), $"'{name}' differs");
    }

    [Fact]
    public void A_dense_module_is_written_byte_for_byte_as_TorchSharp_writes_it_and_reads_both_ways()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var net = Net(1);
        using (var x = randn(2, 3, 5, 5)) net.forward(x);   // moves BatchNorm's running statistics off their start values
        byte[] ours = Bytes(w => ModuleWeights.Save(net, w));
        byte[] theirs = Bytes(w => net.save(w));
        Assert.Equal(theirs, ours);

        using var other = Net(2);
        LoadFrom(theirs, r => ModuleWeights.Load(other, r));
        AssertSameValues(net, other);
        using var third = Net(3);
        LoadFrom(ours, r => third.load(r));
        AssertSameValues(net, third);
    }

    [Fact]
    public void Channels_last_weights_are_saved_and_loaded_in_place_keeping_identity_and_layout()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var source = Net(1);
        ChannelsLast.Apply(source);
        // TorchSharp's own Module.save refuses these weights (their bytes are not contiguous): the reason for ModuleWeights.
        Assert.Contains(source.parameters(), p => ChannelsLast.Is(p) && !p.is_contiguous());
        byte[] bytes = Bytes(w => ModuleWeights.Save(source, w));

        using var target = Net(2);
        ChannelsLast.Apply(target);
        var before = target.parameters().ToList();
        var strides = before.Select(p => p.stride()).ToList();
        LoadFrom(bytes, r => ModuleWeights.Load(target, r));

        var after = target.parameters().ToList();
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Same(before[i], after[i]);
            Assert.Equal(strides[i], after[i].stride());
        }
        Assert.True(ChannelsLast.Is(after[0]));
        AssertSameValues(source, target);
        // The file is a dense one: TorchSharp's loader reads it into an ordinary module.
        using var dense = Net(3);
        LoadFrom(bytes, r => dense.load(r));
        AssertSameValues(source, dense);
    }

    [Fact]
    public void Weights_of_another_shape_or_a_cut_short_stream_are_refused()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var net = Net(1);
        byte[] bytes = Bytes(w => ModuleWeights.Save(net, w));
        random.manual_seed(1);
        using var wider = nn.Sequential(nn.Conv2d(3, 5, 3, padding: 1), nn.BatchNorm2d(5), nn.ReLU(), nn.Conv2d(5, 2, 1), nn.Flatten(), nn.Linear(2 * 5 * 5, 3));
        var shape = Assert.Throws<ArgumentException>(() => LoadFrom(bytes, r => ModuleWeights.Load(wider, r)));
        Assert.Contains("'0.weight' has shape [4, 3, 3, 3] in the file, [5, 3, 3, 3] in the model", shape.Message);

        using var smaller = nn.Sequential(nn.Conv2d(3, 4, 3, padding: 1));
        var count = Assert.Throws<ArgumentException>(() => LoadFrom(bytes, r => ModuleWeights.Load(smaller, r)));
        Assert.Contains("the weights hold 11 tensors, the Sequential has 2", count.Message);

        using var same = Net(2);
        Assert.Throws<EndOfStreamException>(() => LoadFrom(bytes[..(bytes.Length - 10)], r => ModuleWeights.Load(same, r)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(127L)]
    [InlineData(128L)]
    [InlineData(300L)]
    [InlineData(1L << 40)]
    [InlineData(long.MaxValue)]
    public void Numbers_round_trip_through_LEB128(long value)
    {
        byte[] bytes = Bytes(w => TensorRecords.Encode(w, value));
        Assert.Equal(Math.Max(1, (64 - long.LeadingZeroCount(value) + 6) / 7), bytes.Length);
        using var reader = new BinaryReader(new MemoryStream(bytes));
        Assert.Equal(value, TensorRecords.Decode(reader));
    }
}
