namespace XraySynth.Gan.Sampling;

/// <summary>
/// A trained generator <see cref="GanSampler"/> can sample from: a run's snapshot or a shared bundle
/// (<see cref="TrainedGenerator"/>), or an exported ONNX model (<c>Gan/Onnx/OnnxGenerator</c>).
/// </summary>
public interface ISampleSource : IDisposable
{
    /// <summary>Label vocabulary in condition order.</summary>
    IReadOnlyList<string> Labels { get; }
    /// <summary>Latent size.</summary>
    int LatentSize { get; }
    /// <summary>Output image size in pixels (images of an earlier PGGAN phase are upscaled to it).</summary>
    int Resolution { get; }
    /// <summary>SHA-256 (hex) of the snapshot the weights come from: the generator's identity in synthetic manifests.</summary>
    string Hash { get; }
    /// <summary>The run folder's name.</summary>
    string RunName { get; }
    /// <summary>Thousands of real images seen in training.</summary>
    double Kimg { get; }
    /// <summary>What was loaded, for provenance (e.g. "snapshot snapshot-000000120.xsnap").</summary>
    string Origin { get; }

    /// <summary>
    /// Generates <paramref name="count"/> images from row-major latents [count, LatentSize] and multi-hot conditions
    /// [count, Labels.Count]: uint8 pixels [count, Resolution, Resolution].
    /// </summary>
    byte[] GeneratePixels(float[] latents, float[] conditions, int count);
}
