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
    /// <summary>Final image size in pixels of the architecture.</summary>
    int Resolution { get; }
    /// <summary>Size the network actually generates at: <see cref="Resolution"/>, or less for a PGGAN stopped mid-growth.</summary>
    int SampleResolution { get; }
    /// <summary>PGGAN fade-in weight at <see cref="SampleResolution"/> (1 = complete; always 1 for DCGAN).</summary>
    double Alpha { get; }
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
    /// [count, Labels.Count]: uint8 pixels [count, Resolution, Resolution] (an earlier PGGAN phase upscaled, nearest).
    /// </summary>
    byte[] GeneratePixels(float[] latents, float[] conditions, int count);

    /// <summary>
    /// As <see cref="GeneratePixels(float[], float[], int)"/>, at <paramref name="size"/> px: a multiple of
    /// <see cref="SampleResolution"/> (<see cref="SampleResolution"/> itself gives the images as generated).
    /// </summary>
    byte[] GeneratePixels(float[] latents, float[] conditions, int count, int size);
}
