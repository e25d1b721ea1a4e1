using TorchSharp;
using XraySynth.Data.Loading;
using XraySynth.Torch;

namespace XraySynth.Tests.Data.Loading;

public sealed class BatchTensorTests
{
    static Batch TwoImages()
    {
        // Image 0 black except one white pixel, image 1 mid gray; 2 labels each.
        var pixels = new byte[2 * 4 * 4];
        pixels[5] = 255;
        Array.Fill(pixels, (byte)128, 16, 16);
        return new Batch(epoch: 0, index: 0, rows: [7, 9], pixels, labels: [1, 0, 0, 1], size: 4, labelCount: 2);
    }

    [Fact]
    public void Pixels_become_a_float_tensor_B_1_S_S_in_the_asked_range()
    {
        NativeTorchLoader.Load(null);
        _ = XraySynth.Tests.TestSupport.TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var batch = TwoImages();

        var x = batch.ToTensor(torch.CPU);
        Assert.Equal([2L, 1, 4, 4], x.shape);
        Assert.Equal(torch.ScalarType.Float32, x.dtype);
        Assert.Equal(-1f, x.min().item<float>());
        Assert.Equal(1f, x.max().item<float>());
        Assert.Equal(1f, x[0, 0, 1, 1].item<float>());
        Assert.Equal(128 / 127.5f - 1, x[1, 0, 3, 3].item<float>(), 6);

        var unit = batch.ToTensor(torch.CPU, PixelRange.ZeroToOne);
        Assert.Equal(0f, unit.min().item<float>());
        Assert.Equal(1f, unit.max().item<float>());
        Assert.Equal(128 / 255f, unit[1, 0, 0, 0].item<float>(), 6);

        var labels = batch.LabelsTensor(torch.CPU);
        Assert.Equal([2L, 2], labels.shape);
        Assert.Equal([1f, 0, 0, 1], labels.data<float>().ToArray());
    }

    [Fact]
    public void A_batch_rejects_arrays_of_the_wrong_length()
    {
        Assert.Throws<ArgumentException>(() => new Batch(0, 0, [1, 2], new byte[31], new float[4], 4, 2));
        Assert.Throws<ArgumentException>(() => new Batch(0, 0, [1, 2], new byte[32], new float[3], 4, 2));
    }
}
