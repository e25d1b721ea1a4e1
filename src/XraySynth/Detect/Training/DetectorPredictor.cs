using XraySynth.Data.Cache;
using XraySynth.Detect.Boxes;
using XraySynth.Detect.Networks;
using XraySynth.Evaluate.Detection;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Detect.Training;

/// <summary>Runs a detector over cache rows in eval mode and decodes boxes (cache pixels); scores a validation set.</summary>
public static class DetectorPredictor
{
    /// <summary>Boxes of each row of <paramref name="rows"/>, by descending score.</summary>
    public static List<DetectedBox>[] Predict(CenterNetDetector model, PreparedCache cache, int[] rows, Device device, int batchSize,
        DetectorConfig config, bool channelsLast = false)
    {
        model.eval();
        var result = new List<DetectedBox>[rows.Length];
        using var noGrad = no_grad();
        for (int start = 0; start < rows.Length; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int[] chunk = rows[start..Math.Min(rows.Length, start + batchSize)];
            var pixels = new byte[chunk.Length * cache.ImageBytes];
            cache.Gather(chunk, pixels);
            var x = PixelTensors.FromBytes(pixels, chunk.Length, cache.Size, cache.Size, device);
            if (channelsLast) x = ChannelsLast.Of(x);
            var decoded = CenterNetDecoder.Decode(model.forward(x), cache.Size, config.MaxDetections, config.MinScore, config.NmsIou);
            decoded.CopyTo(result, start);
        }
        return result;
    }

    /// <summary>Per-class AP@0.5 and their mean (over classes with boxes) of predictions against truth.</summary>
    public static (double[] PerClass, double Mean) Map50(IReadOnlyList<DetectedBox>[] predicted, IReadOnlyList<LabeledBox>[] truth, int classes)
    {
        var images = predicted.Select((p, i) => new DetectionImage(truth[i], p)).ToArray();
        double[] perClass = Enumerable.Range(0, classes).Select(c => AveragePrecision.Compute(images, c, 0.5)).ToArray();
        return (perClass, DetectionMetrics.FiniteMean(perClass));
    }
}
