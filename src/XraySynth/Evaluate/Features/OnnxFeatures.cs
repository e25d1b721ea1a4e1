using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using XraySynth.Common;
using XraySynth.Data.Cache;

namespace XraySynth.Evaluate.Features;

/// <summary>
/// Features from an image model the user provides as ONNX (e.g. an Inception-v3 export cut at its 2048-d pool layer
/// for standard FID), run with ONNX Runtime on the CPU. The model's first input must be <c>[N, C, H, W]</c> float with
/// C = 1 or 3; images are area-resized to H × W (299 when the model leaves it open), scaled to [−1, 1] (what
/// Inception-v3 and XraySynth's own networks expect) and repeated over C. The first output, flattened per image, is the
/// feature vector. Nothing is downloaded: the file is the model.
/// </summary>
public sealed class OnnxFeatures : IFeatureExtractor
{
    /// <summary>Input side used when the model's height and width are dynamic.</summary>
    public const int DefaultSize = 299;

    readonly InferenceSession session;
    readonly string inputName;
    readonly int channels;
    readonly int batchSize;

    /// <summary>Loads <paramref name="path"/>; <paramref name="batchSize"/> images per run unless the model fixes its batch.</summary>
    /// <exception cref="UserError">The file is missing, not ONNX, or its first input is not [N, 1|3, H, W] float.</exception>
    public OnnxFeatures(string path, int batchSize = 32)
    {
        if (!File.Exists(path)) throw new UserError($"{path}: ONNX model not found");
        try { session = new InferenceSession(path); }
        catch (OnnxRuntimeException e) { throw new UserError($"{path}: not a loadable ONNX model: {e.Message.Split('\n')[0]}"); }
        var (name, input) = session.InputMetadata.First();
        int[] shape = input.Dimensions;
        if (input.ElementType != typeof(float) || shape.Length != 4 || shape[1] is not (1 or 3) || (shape[2] > 0 && shape[3] > 0 && shape[2] != shape[3]))
        {
            session.Dispose();
            throw new UserError($"{path}: input '{name}' is {input.ElementType.Name} [{string.Join(", ", shape)}]; expected float [N, 1 or 3, H, W] with H = W");
        }
        inputName = name;
        channels = shape[1];
        ImageSize = shape[2] > 0 ? shape[2] : shape[3] > 0 ? shape[3] : DefaultSize;
        this.batchSize = shape[0] > 0 ? shape[0] : Math.Max(1, batchSize);
        Name = $"onnx:{Path.GetFileName(path)}";
    }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public int ImageSize { get; }

    /// <inheritdoc />
    public FeatureMatrix Extract(PreparedCache cache, IReadOnlyList<int> rows, IReporter reporter)
    {
        if (cache.Size != ImageSize) throw new ArgumentException($"cache is {cache.Size} px, the model needs {ImageSize} px", nameof(cache));
        int pixels = ImageSize * ImageSize;
        float[]? values = null;
        int d = 0;
        using var progress = reporter.Start($"ONNX features ({Name})", rows.Count);
        for (int start = 0; start < rows.Count; start += batchSize)
        {
            int n = Math.Min(batchSize, rows.Count - start);
            var input = new DenseTensor<float>(new[] { batchSize, channels, ImageSize, ImageSize });
            var buffer = input.Buffer.Span;
            for (int i = 0; i < n; i++)
            {
                var image = cache.Image(rows[start + i]);
                for (int c = 0; c < channels; c++)
                {
                    var plane = buffer.Slice((i * channels + c) * pixels, pixels);
                    for (int j = 0; j < pixels; j++) plane[j] = image[j] / 127.5f - 1f;
                }
            }
            using var outputs = session.Run(new[] { NamedOnnxValue.CreateFromTensor(inputName, input) });
            var output = outputs[0].AsTensor<float>().ToArray();
            if (values is null)
            {
                d = output.Length / batchSize;
                values = new float[rows.Count * d];
            }
            if (output.Length != d * batchSize) throw new InvalidOperationException($"{Name}: output of {output.Length} values for a batch of {batchSize}");
            Array.Copy(output, 0, values, start * d, n * d);
            progress.Advance(n);
        }
        return values is null ? new FeatureMatrix([], 0, 1) : new FeatureMatrix(values, rows.Count, d);
    }

    /// <inheritdoc />
    public void Dispose() => session.Dispose();
}
