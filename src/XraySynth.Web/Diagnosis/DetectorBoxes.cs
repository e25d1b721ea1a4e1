using XraySynth.Data.Cache;
using XraySynth.Data.Images;
using XraySynth.Detect.Boxes;
using XraySynth.Detect.Evaluation;
using XraySynth.Detect.Networks;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Web.Diagnosis;

/// <summary>Boxes from a trained detector run, those scoring at least the threshold (at most <see cref="MaxBoxes"/>).</summary>
public sealed class DetectorBoxes : IBoxPredictor
{
    /// <summary>Most boxes shown per image.</summary>
    public const int MaxBoxes = 5;

    readonly TrainedDetector detector;
    readonly Device device;
    readonly double threshold;

    /// <summary>Loads the detector run <paramref name="run"/> onto <paramref name="device"/>; boxes below <paramref name="threshold"/> are not shown.</summary>
    public DetectorBoxes(string run, Device device, double threshold)
    {
        detector = TrainedDetector.Load(run, device);
        this.device = device;
        this.threshold = threshold;
    }

    /// <inheritdoc />
    public string Name => detector.Name;

    /// <inheritdoc />
    public IReadOnlyList<FoundBox> Predict(GrayImage image)
    {
        int size = detector.Config.ImageSize;
        var cached = CachePreparer.ToCached(image, size);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = PixelTensors.FromBytes(cached.Pixels, 1, size, size, device);
        var decoded = CenterNetDecoder.Decode(detector.Network.forward(x), size, detector.Config.MaxDetections,
            Math.Min(detector.Config.MinScore, threshold), detector.Config.NmsIou)[0];
        return [.. decoded.Where(d => d.Score >= threshold).OrderByDescending(d => d.Score).Take(MaxBoxes).Select(d =>
        {
            var box = CacheGeometry.FromCache(d.Box, image.Width, image.Height, size);
            return new FoundBox(detector.Info.Classes[d.Class], d.Score, box.X0, box.Y0, box.Width, box.Height, BoxSources.Detector);
        })];
    }

    /// <inheritdoc />
    public void Dispose() => detector.Dispose();
}
