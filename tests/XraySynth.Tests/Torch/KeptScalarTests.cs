using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Tests.Torch;

public sealed class KeptScalarTests
{
    [Fact]
    public void Scalar_helpers_compute_what_their_names_say_under_garbage_collection_pressure()
    {
        _ = TorchFixture.Cpu;
        for (int round = 0; round < 200; round++)
        {
            using var scope = NewDisposeScope();
            var x = tensor(new float[] { 1, 2, 3 });
            Assert.Equal([1.5f, 2.5f, 3.5f], KeptScalar.Add(x, 0.5).data<float>().ToArray());
            Assert.Equal([2f, 4f, 6f], KeptScalar.Mul(x, 2).data<float>().ToArray());
            Assert.Equal([1f, 3f, 5f], KeptScalar.Affine(x, 2, -1).data<float>().ToArray());
            Assert.Equal([0f, -1f, -2f], KeptScalar.SubtractFrom(1, x).data<float>().ToArray());
            Assert.Equal([1.5f, 3f, 4.5f], KeptScalar.Lerp(x, x * 2, 0.5).data<float>().ToArray());
            if (round % 20 == 0) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        }
    }
}
