using XraySynth.Classify.Evaluation;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Features;

/// <summary>Builds a feature extractor from its command-line name, and runs one over the images of a dataset.</summary>
public static class FeatureExtractors
{
    /// <summary>
    /// <c>pixels</c> or <c>pixels-N</c> (raw pixels at N px), a path ending in <c>.onnx</c> (<see cref="OnnxFeatures"/>), or a
    /// classifier run folder (<see cref="ClassifierFeatures"/>, on <paramref name="device"/>).
    /// </summary>
    /// <exception cref="UserError">None of these.</exception>
    public static IFeatureExtractor Create(string spec, Device device)
    {
        if (spec == "pixels") return new PixelFeatures();
        if (spec.StartsWith("pixels-", StringComparison.Ordinal))
            return int.TryParse(spec.AsSpan("pixels-".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size)
                ? new PixelFeatures(size)
                : throw new UserError($"--features {spec}: expected pixels-N with N a whole number of pixels, e.g. pixels-32");
        if (spec.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) return new OnnxFeatures(spec);
        if (Directory.Exists(spec) && File.Exists(Path.Combine(spec, "run.json")))
            return new ClassifierFeatures(TrainedClassifier.Load(spec, device), device);
        throw new UserError($"--features {spec}: expected pixels, pixels-N, a model.onnx file, or a classifier run folder (checkpoints/NNNNN-classify-...)");
    }

    /// <summary>
    /// Features of the manifest rows <paramref name="rows"/> of <paramref name="dataset"/>: prepares (or reuses) its cache at the
    /// extractor's size, then extracts.
    /// </summary>
    public static FeatureMatrix Extract(IFeatureExtractor extractor, Dataset dataset, IReadOnlyList<int> rows, IReporter reporter)
    {
        using var cache = Open(dataset, extractor.ImageSize, reporter);
        return extractor.Extract(cache, rows, reporter);
    }

    /// <summary>The cache of <paramref name="dataset"/> at <paramref name="size"/> px, prepared first if missing or stale.</summary>
    public static PreparedCache Open(Dataset dataset, int size, IReporter reporter)
    {
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = size }, reporter);
        return PreparedCache.Open(dataset, size);
    }
}
