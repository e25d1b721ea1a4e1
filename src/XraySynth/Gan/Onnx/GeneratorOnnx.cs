using System.Globalization;
using XraySynth.Gan.Pggan;
using XraySynth.Gan.Sampling;
using XraySynth.Torch;
using XraySynth.Torch.Onnx;
using static TorchSharp.torch;

namespace XraySynth.Gan.Onnx;

/// <summary>
/// The moving-average generator as an ONNX graph (opset 17): inputs <c>latent</c> [N, Z] and <c>labels</c> [N, L]
/// (multi-hot), output <c>image</c> [N, 1, r, r] in about [-1, 1]. DCGAN: MatMul, Concat, Reshape, ConvTranspose,
/// BatchNormalization (running statistics), Relu, Tanh. PGGAN: at the phase the generator samples at
/// (<see cref="TrainedGenerator.SampleResolution"/>, with the fade-in blend when alpha &lt; 1), equalized-LR scales folded
/// into the weights, pixel norm as Mul/ReduceMean/Add/Sqrt/Div, nearest Resize, LeakyRelu, Gemm and Conv.
/// Metadata props carry the labels, latent size, resolution and provenance for <see cref="OnnxGenerator"/>.
/// </summary>
public static class GeneratorOnnx
{
    /// <summary>Metadata key: labels joined by '|', in condition order.</summary>
    public const string LabelsKey = "xraysynth.labels";
    /// <summary>Metadata key: latent size.</summary>
    public const string LatentKey = "xraysynth.latent_size";
    /// <summary>Metadata key: output image size (the final resolution; earlier phases are upscaled by the sampler).</summary>
    public const string ResolutionKey = "xraysynth.resolution";
    /// <summary>Metadata key: source snapshot SHA-256.</summary>
    public const string HashKey = "xraysynth.snapshot_sha256";
    /// <summary>Metadata key: run name.</summary>
    public const string RunKey = "xraysynth.run";
    /// <summary>Metadata key: kimg at the snapshot.</summary>
    public const string KimgKey = "xraysynth.kimg";
    /// <summary>Metadata key: PGGAN fade-in weight of the phase the graph generates at (1 = complete; the graph's output size is that phase's resolution).</summary>
    public const string AlphaKey = "xraysynth.alpha";

    const double Sqrt2 = 1.4142135623730951;

    /// <summary>Serializes <paramref name="generator"/> as an ONNX model.</summary>
    public static byte[] Export(TrainedGenerator generator)
    {
        var state = generator.Module.state_dict();
        var onnx = new OnnxModelWriter();
        int z = generator.LatentSize, labels = generator.Labels.Count;
        onnx.Input("latent", null, z);
        onnx.Input("labels", null, labels);
        string image = generator.Config.Kind == GanKind.Pggan
            ? Pggan(onnx, state, generator.Config.Pggan, generator.SampleResolution, generator.Alpha)
            : Dcgan(onnx, state, generator.Config.Dcgan.Levels);
        onnx.Alias(image, "image");
        int r = generator.SampleResolution;
        onnx.Output("image", null, 1, r, r);
        var metadata = new Dictionary<string, string>
        {
            [LabelsKey] = string.Join("|", generator.Labels),
            [LatentKey] = z.ToString(CultureInfo.InvariantCulture),
            [ResolutionKey] = generator.Resolution.ToString(CultureInfo.InvariantCulture),
            [HashKey] = generator.Hash,
            [RunKey] = generator.RunName,
            [KimgKey] = generator.Kimg.ToString("R", CultureInfo.InvariantCulture),
            [AlphaKey] = generator.Alpha.ToString("R", CultureInfo.InvariantCulture),
        };
        return onnx.ToBytes($"xraysynth_{generator.Config.Kind.ToString().ToLowerInvariant()}_generator", "XraySynth", metadata,
            "Conditional chest X-ray GAN generator from XraySynth. Research only, not for diagnosis.");
    }

    /// <summary>
    /// Exports a run's newest (or the given) snapshot's generator to <paramref name="path"/> (written atomically); a PGGAN
    /// that has not finished growing is refused unless <paramref name="allowUnfinished"/> (<see cref="UnfinishedGenerator"/>).
    /// </summary>
    public static void Write(string run, string? snapshot, string path, bool force, bool allowUnfinished = false, Common.IReporter? reporter = null)
    {
        if (File.Exists(path) && !force) throw new Common.UserError($"{path} exists (use --force to replace it)");
        using var generator = TrainedGenerator.Load(run, snapshot, CPU);
        UnfinishedGenerator.Ensure(generator, allowUnfinished, "gan export --onnx", reporter ?? Common.NullReporter.Instance);
        byte[] model = Export(generator);
        Common.AtomicFile.WriteBinary(path, stream => stream.Write(model));
    }

    static string Dcgan(OnnxModelWriter onnx, IReadOnlyDictionary<string, Tensor> state, int levels)
    {
        string e = onnx.Node("MatMul", ["labels", Constant(onnx, state, "labels.embedding")]);                 // [N, E]
        string h = onnx.Node("Concat", ["latent", e], ("axis", 1L));                                            // [N, Z+E]
        h = onnx.Node("Reshape", [h, onnx.Constant("shape_n_c_1_1", [0L, -1L, 1L, 1L])]);                      // [N, Z+E, 1, 1]
        var layers = new List<(string Name, long Stride, long Pad)> { ("project", 1, 0) };
        for (int level = 1; level < levels; level++) layers.Add(($"up{level}", 2, 1));
        foreach (var (name, stride, pad) in layers)
        {
            h = ConvTranspose(onnx, state, $"body.{name}", h, stride, pad);
            string bn = $"body.{name}_bn";
            h = onnx.Node("BatchNormalization",
                [h, Constant(onnx, state, $"{bn}.weight"), Constant(onnx, state, $"{bn}.bias"),
                 Constant(onnx, state, $"{bn}.running_mean"), Constant(onnx, state, $"{bn}.running_var")], ("epsilon", 1e-5f));
            h = onnx.Node("Relu", [h]);
        }
        h = ConvTranspose(onnx, state, "body.to_image", h, 2, 1);                                              // [N, 1, r, r]
        return onnx.Node("Tanh", [h]);
    }

    static string ConvTranspose(OnnxModelWriter onnx, IReadOnlyDictionary<string, Tensor> state, string layer, string input, long stride, long pad) =>
        onnx.Node("ConvTranspose", [input, Constant(onnx, state, $"{layer}.weight")],
            ("kernel_shape", new long[] { 4, 4 }), ("strides", new[] { stride, stride }), ("pads", new[] { pad, pad, pad, pad }));

    static string Pggan(OnnxModelWriter onnx, IReadOnlyDictionary<string, Tensor> state, PgganArchitecture architecture, int resolution, double alpha)
    {
        int level = PgganArchitecture.Level(resolution);
        long c4 = architecture.Channels(4);
        string zn = PixelNorm(onnx, "latent");                                                                   // [N, Z]
        string e = onnx.Node("MatMul", ["labels", Constant(onnx, state, "labels.embedding")]);                  // [N, E]
        string h = onnx.Node("Concat", [zn, e], ("axis", 1L));                                                  // [N, Z+E]
        h = onnx.Node("Gemm", [h, Scaled(onnx, state, "input", Sqrt2 / 4), Constant(onnx, state, "input.bias")], ("transB", 1L));
        h = onnx.Node("Reshape", [h, onnx.Constant("shape_n_c4_4_4", [0L, c4, 4L, 4L])]);                      // [N, C4, 4, 4]
        h = PixelNorm(onnx, onnx.Node("LeakyRelu", [h], ("alpha", 0.2f)));
        h = ConvActNorm(onnx, state, "conv4", h);                                                               // [N, C4, 4, 4]
        string previous = h;
        for (int i = 1; i <= level; i++)
        {
            previous = h;
            h = Upsample(onnx, h);
            h = ConvActNorm(onnx, state, $"blocks.{i - 1}.conv0", h);
            h = ConvActNorm(onnx, state, $"blocks.{i - 1}.conv1", h);                                           // [N, C(r), r, r]
        }
        string image = Conv(onnx, state, $"toGray.{level}", h, 1, 1);                                           // [N, 1, r, r]
        if (level == 0 || alpha >= 1) return image;
        string coarse = Upsample(onnx, Conv(onnx, state, $"toGray.{level - 1}", previous, 1, 1));             // [N, 1, r, r]
        // torch.lerp: coarse + alpha · (image − coarse)
        string delta = onnx.Node("Sub", [image, coarse]);
        string weighted = onnx.Node("Mul", [delta, onnx.Constant(onnx.Name("alpha"), [(float)alpha])]);
        return onnx.Node("Add", [coarse, weighted]);
    }

    static string ConvActNorm(OnnxModelWriter onnx, IReadOnlyDictionary<string, Tensor> state, string layer, string input) =>
        PixelNorm(onnx, onnx.Node("LeakyRelu", [Conv(onnx, state, layer, input, 3, Sqrt2)], ("alpha", 0.2f)));

    static string Conv(OnnxModelWriter onnx, IReadOnlyDictionary<string, Tensor> state, string layer, string input, long kernel, double gain)
    {
        long pad = kernel / 2;
        return onnx.Node("Conv", [input, Scaled(onnx, state, layer, gain), Constant(onnx, state, $"{layer}.bias")],
            ("kernel_shape", new[] { kernel, kernel }), ("pads", new[] { pad, pad, pad, pad }));
    }

    /// <summary>x / sqrt(mean(x², channels) + 1e-8), as <see cref="Layers.PixelNorm"/>.</summary>
    static string PixelNorm(OnnxModelWriter onnx, string x)
    {
        string square = onnx.Node("Mul", [x, x]);
        string mean = onnx.Node("ReduceMean", [square], ("axes", new long[] { 1 }), ("keepdims", 1L));
        string root = onnx.Node("Sqrt", [onnx.Node("Add", [mean, onnx.Constant(onnx.Name("eps"), [1e-8f])])]);
        return onnx.Node("Div", [x, root]);
    }

    static string Upsample(OnnxModelWriter onnx, string x) =>
        onnx.Node("Resize", [x, "", onnx.Constant(onnx.Name("scales"), [1f, 1f, 2f, 2f], 4)],
            ("mode", "nearest"), ("coordinate_transformation_mode", "asymmetric"), ("nearest_mode", "floor"));

    /// <summary>An equalized layer's weight times its run-time scale gain / sqrt(fan_in), computed as the layer does.</summary>
    static string Scaled(OnnxModelWriter onnx, IReadOnlyDictionary<string, Tensor> state, string layer, double gain)
    {
        var weight = state[$"{layer}.weight"];
        long fanIn = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        using var scaled = KeptScalar.Mul(weight.detach().cpu(), gain / Math.Sqrt(fanIn));
        return Add(onnx, $"{layer}.weight", scaled);
    }

    static string Constant(OnnxModelWriter onnx, IReadOnlyDictionary<string, Tensor> state, string name) => Add(onnx, name, state[name]);

    static string Add(OnnxModelWriter onnx, string name, Tensor value)
    {
        using var host = value.detach().cpu().to(ScalarType.Float32).contiguous();
        return onnx.Constant(name, host.data<float>().ToArray(), host.shape);
    }
}
