using TorchSharp;
using XraySynth.Common;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Torch;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class SeedingTests
{
    /// <summary>A small computation that draws random numbers and runs a conv + matmul on them.</summary>
    static float[] Compute(long seed)
    {
        TorchFixture.Cpu.Reseed(seed);
        using var scope = NewDisposeScope();
        var x = randn(4, 1, 16, 16);
        var w = randn(8, 1, 3, 3);
        var y = nn.functional.conv2d(x, w, padding: new long[] { 1, 1 }).relu().flatten(1);
        var z = y.matmul(rand(y.shape[1], 5)) + nn.functional.dropout(ones(4, 5), 0.5, true);
        return z.data<float>().ToArray();
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_results()
    {
        float[] first = Compute(1234);
        float[] second = Compute(1234);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_gives_different_results()
    {
        Assert.NotEqual(Compute(1), Compute(2));
    }

    [Fact]
    public void Csharp_streams_derive_from_the_run_seed_independently_of_creation_order()
    {
        var a1 = SeedDerivation.CreateRandom(7, "phantom").Next();
        var b = SeedDerivation.CreateRandom(7, "split").Next();
        var a2 = SeedDerivation.CreateRandom(7, "phantom").Next();
        Assert.Equal(a1, a2);
        Assert.NotEqual(a1, b);
        Assert.NotEqual(SeedDerivation.Derive(7, "phantom"), SeedDerivation.Derive(8, "phantom"));
    }

    [Fact]
    public void Torch_generators_for_a_stream_repeat_their_draws()
    {
        using var g1 = TorchFixture.Cpu.CreateGenerator("latents");
        using var g2 = TorchFixture.Cpu.CreateGenerator("latents");
        using var a = randn(new long[] { 16 }, generator: g1);
        using var b = randn(new long[] { 16 }, generator: g2);
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
    }

    [Fact]
    public void Deterministic_algorithms_are_switched_on_by_default()
    {
        _ = TorchFixture.Cpu;
        Assert.True(XraySynth.Torch.NativeContextSwitches.DeterministicAlgorithms());
    }

    [Fact]
    public void The_cudnn_benchmark_switch_is_reachable_in_the_loaded_libtorch()
    {
        _ = TorchFixture.Cpu;
        XraySynth.Torch.NativeContextSwitches.SetBenchmarkCuDnn(false); // resolves the symbol; no effect without CUDA
    }
}
