using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Evaluate.Features;
using XraySynth.Tests.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Evaluate.Features;

public class FeatureExtractorsTests
{
    [Fact]
    public void Onnx_features_feed_images_in_minus_one_to_one_repeated_over_the_model_channels()
    {
        using var temp = new TempDirectory();
        var real = PhantomSets.Real(temp.File("real"), count: 20, size: 32);
        TinyOnnxModel.Write(temp.File("pool.onnx"), channels: 3, size: 16);
        using var onnx = new OnnxFeatures(temp.File("pool.onnx"), batchSize: 7);
        Assert.Equal("onnx:pool.onnx", onnx.Name);
        Assert.Equal(16, onnx.ImageSize);
        int[] rows = [0, 3, 5, 8, 9, 10, 11, 12, 19];                                          // more than one batch, last one partial
        var features = FeatureExtractors.Extract(onnx, real, rows, NullReporter.Instance);
        Assert.Equal((rows.Length, 3), (features.Rows, features.Dimension));
        using var cache = FeatureExtractors.Open(real, 16, NullReporter.Instance);
        for (int i = 0; i < rows.Length; i++)
        {
            double mean = cache.Image(rows[i]).ToArray().Average(p => p / 127.5 - 1);
            for (int c = 0; c < 3; c++) Assert.Equal(mean, features.Row(i)[c], 4);
        }
    }

    [Fact]
    public void Onnx_models_with_a_fixed_batch_run_one_batch_at_a_time()
    {
        using var temp = new TempDirectory();
        var real = PhantomSets.Real(temp.File("real"), count: 6, size: 32);
        TinyOnnxModel.Write(temp.File("one.onnx"), channels: 1, size: 8, batch: 1);
        using var onnx = new OnnxFeatures(temp.File("one.onnx"));
        var features = FeatureExtractors.Extract(onnx, real, [0, 1, 2], NullReporter.Instance);
        Assert.Equal((3, 1), (features.Rows, features.Dimension));
    }

    [Fact]
    public void Unusable_feature_names_and_files_are_user_errors()
    {
        _ = TorchFixture.Cpu;
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("junk.onnx"), "not a model");
        Assert.Contains("not a loadable ONNX model", Assert.Throws<UserError>(() => new OnnxFeatures(temp.File("junk.onnx"))).Message);
        Assert.Contains("not found", Assert.Throws<UserError>(() => FeatureExtractors.Create(temp.File("missing.onnx"), CPU)).Message);
        Assert.Contains("pixels-N", Assert.Throws<UserError>(() => FeatureExtractors.Create("pixels-x", CPU)).Message);
        Assert.Contains("classifier run folder", Assert.Throws<UserError>(() => FeatureExtractors.Create(temp.Path, CPU)).Message);
        Assert.Equal("pixels-24", FeatureExtractors.Create("pixels-24", CPU).Name);
        Assert.Equal("pixels-32", FeatureExtractors.Create("pixels", CPU).Name);
    }

    [Fact]
    public void Pixel_features_are_the_cached_pixels_scaled_to_zero_one()
    {
        using var temp = new TempDirectory();
        var real = PhantomSets.Real(temp.File("real"), count: 5, size: 32);
        using var pixels = new PixelFeatures(8);
        var features = FeatureExtractors.Extract(pixels, real, [4, 1], NullReporter.Instance);
        using var cache = FeatureExtractors.Open(real, 8, NullReporter.Instance);
        Assert.Equal(64, features.Dimension);
        Assert.Equal(cache.Image(4).ToArray().Select(p => p / 255f), features.Row(0).ToArray());
        Assert.Equal(cache.Image(1).ToArray().Select(p => p / 255f), features.Row(1).ToArray());
    }
}
