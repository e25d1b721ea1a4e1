using XraySynth.Classify.Evaluation;
using XraySynth.Common;
using XraySynth.Data.Cache;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Features;

/// <summary>
/// Domain features: the pooled penultimate vector (<see cref="Classify.Networks.ClassifierNetwork.Embed"/>) of a classifier
/// trained on the real data, at the classifier's own input size, batched on its device without gradients.
/// Also gives the classifier's probabilities for label fidelity.
/// </summary>
public sealed class ClassifierFeatures : IFeatureExtractor
{
    readonly Device device;
    readonly int batchSize;

    /// <summary>The loaded classifier (owned: disposed with this extractor).</summary>
    public TrainedClassifier Classifier { get; }

    /// <summary>Features of <paramref name="classifier"/> on <paramref name="device"/>, <paramref name="batchSize"/> images per forward pass.</summary>
    public ClassifierFeatures(TrainedClassifier classifier, Device device, int batchSize = 64)
    {
        Classifier = classifier; this.device = device; this.batchSize = Math.Max(1, batchSize);
    }

    /// <inheritdoc />
    public string Name => $"classifier:{Classifier.Name}";
    /// <inheritdoc />
    public int ImageSize => Classifier.Config.ImageSize;

    /// <inheritdoc />
    public FeatureMatrix Extract(PreparedCache cache, IReadOnlyList<int> rows, IReporter reporter)
    {
        int d = (int)Classifier.Network.FeatureChannels;
        var values = new float[rows.Count * d];
        Run(cache, rows, reporter, "classifier features", (network, x, start, n) =>
            network.Embed(x).to(ScalarType.Float32).cpu().data<float>().ToArray().CopyTo(values, start * d));
        return new FeatureMatrix(values, rows.Count, d);
    }

    /// <summary>Sigmoid probabilities [rows × classifier labels] of the cache rows <paramref name="rows"/>.</summary>
    public float[,] Probabilities(PreparedCache cache, IReadOnlyList<int> rows, IReporter reporter)
    {
        int labels = Classifier.Network.LabelCount;
        var result = new float[rows.Count, labels];
        Run(cache, rows, reporter, "classifier predictions", (network, x, start, n) =>
        {
            var p = network.forward(x).sigmoid().to(ScalarType.Float32).cpu().data<float>().ToArray();
            for (int i = 0; i < n; i++)
                for (int l = 0; l < labels; l++) result[start + i, l] = p[i * labels + l];
        });
        return result;
    }

    void Run(PreparedCache cache, IReadOnlyList<int> rows, IReporter reporter, string what, Action<Classify.Networks.ClassifierNetwork, Tensor, int, int> consume)
    {
        if (cache.Size != ImageSize) throw new ArgumentException($"cache is {cache.Size} px, {Classifier.Name} needs {ImageSize} px", nameof(cache));
        var network = Classifier.Network;
        network.eval();
        using var noGrad = no_grad();
        using var progress = reporter.Start($"{what} ({Classifier.Name})", rows.Count);
        int size = cache.Size, pixels = size * size;
        for (int start = 0; start < rows.Count; start += batchSize)
        {
            int n = Math.Min(batchSize, rows.Count - start);
            var bytes = new byte[n * pixels];
            for (int i = 0; i < n; i++) cache.Image(rows[start + i]).CopyTo(bytes.AsSpan(i * pixels, pixels));
            using var scope = NewDisposeScope();
            consume(network, PixelTensors.FromBytes(bytes, n, size, size, device), start, n);
            progress.Advance(n);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Classifier.Dispose();
}
