using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using XraySynth.Common;
using XraySynth.Gan.Sampling;

namespace XraySynth.Gan.Onnx;

/// <summary>
/// An exported generator (<see cref="GeneratorOnnx"/>) run with ONNX Runtime on the CPU: no TorchSharp network, only
/// the graph's standard operators. Labels, latent size and provenance come from the model's metadata.
/// </summary>
public sealed class OnnxGenerator : ISampleSource
{
    readonly InferenceSession session;

    /// <inheritdoc />
    public IReadOnlyList<string> Labels { get; }
    /// <inheritdoc />
    public int LatentSize { get; }
    /// <inheritdoc />
    public int Resolution { get; }
    /// <inheritdoc />
    public int SampleResolution { get; }
    /// <inheritdoc />
    public double Alpha { get; }
    /// <inheritdoc />
    public string Hash { get; }
    /// <inheritdoc />
    public string RunName { get; }
    /// <inheritdoc />
    public double Kimg { get; }
    /// <inheritdoc />
    public string Origin { get; }

    /// <summary>Loads an ONNX model written by <c>gan export --onnx</c>.</summary>
    /// <exception cref="UserError">Missing, not ONNX, or without XraySynth's metadata.</exception>
    public OnnxGenerator(string path)
    {
        if (!File.Exists(path)) throw new UserError($"{path} does not exist");
        try { session = new InferenceSession(path, new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 }); }
        catch (OnnxRuntimeException e) { throw new UserError($"{path}: not a loadable ONNX model ({e.Message.Split('\n')[0]})", e); }
        try
        {
            var meta = session.ModelMetadata.CustomMetadataMap;
            string Get(string key) => meta.TryGetValue(key, out var v) ? v : throw new UserError($"{path}: no '{key}' metadata: not a generator exported by XraySynth");
            Labels = Get(GeneratorOnnx.LabelsKey).Split('|');
            LatentSize = int.Parse(Get(GeneratorOnnx.LatentKey), CultureInfo.InvariantCulture);
            Resolution = int.Parse(Get(GeneratorOnnx.ResolutionKey), CultureInfo.InvariantCulture);
            Hash = Get(GeneratorOnnx.HashKey);
            RunName = Get(GeneratorOnnx.RunKey);
            Kimg = double.Parse(Get(GeneratorOnnx.KimgKey), CultureInfo.InvariantCulture);
            // The graph's output is [N, 1, r, r] at the phase it generates; models exported before the alpha key count as faded in.
            SampleResolution = session.OutputMetadata.TryGetValue("image", out var output) && output.Dimensions[^1] > 0 ? output.Dimensions[^1] : Resolution;
            Alpha = meta.TryGetValue(GeneratorOnnx.AlphaKey, out var alpha) ? double.Parse(alpha, CultureInfo.InvariantCulture) : 1;
            Origin = $"ONNX model {Path.GetFileName(path)}";
        }
        catch (FormatException e)
        {
            session.Dispose();
            throw new UserError($"{path}: malformed XraySynth metadata ({e.Message})", e);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs the graph: images in about [-1, 1], row-major [count, 1, r, r], and r (the phase it generates at).</summary>
    public (float[] Images, int Size) Run(float[] latents, float[] conditions, int count)
    {
        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("latent", new DenseTensor<float>(latents, [count, LatentSize])),
            NamedOnnxValue.CreateFromTensor("labels", new DenseTensor<float>(conditions, [count, Labels.Count])),
        };
        using var results = session.Run(inputs);
        var image = results.First(r => r.Name == "image").AsTensor<float>();
        return (image.ToArray(), image.Dimensions[^1]);
    }

    /// <inheritdoc />
    public byte[] GeneratePixels(float[] latents, float[] conditions, int count) => GeneratePixels(latents, conditions, count, Resolution);

    /// <inheritdoc />
    public byte[] GeneratePixels(float[] latents, float[] conditions, int count, int size)
    {
        var (images, generated) = Run(latents, conditions, count);
        if (size < generated || size % generated != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"expected a multiple of the generated size {generated}");
        int factor = size / generated;
        var pixels = new byte[count * size * size];
        for (int n = 0; n < count; n++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    float v = Math.Clamp(images[(n * generated + y / factor) * generated + x / factor], -1f, 1f);
                    pixels[(n * size + y) * size + x] = (byte)MathF.Round(v * 127.5f + 127.5f, MidpointRounding.ToEven);
                }
        return pixels;
    }

    /// <inheritdoc />
    public void Dispose() => session.Dispose();
}
