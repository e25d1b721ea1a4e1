using XraySynth.Common;
using XraySynth.Data.Cache;

namespace XraySynth.Evaluate.Features;

/// <summary>Maps images to feature vectors for the synthetic-quality metrics and the memorization audit.</summary>
public interface IFeatureExtractor : IDisposable
{
    /// <summary>What the features are, as written to quality.json: <c>pixels-32</c>, <c>classifier:&lt;run&gt;</c> or <c>onnx:&lt;file&gt;</c>.</summary>
    string Name { get; }
    /// <summary>Side of the square prepared cache the extractor reads.</summary>
    int ImageSize { get; }
    /// <summary>Features of the cache rows <paramref name="rows"/>, one matrix row each, in that order.</summary>
    FeatureMatrix Extract(PreparedCache cache, IReadOnlyList<int> rows, IReporter reporter);
}
