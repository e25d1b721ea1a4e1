using System.Globalization;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using static TorchSharp.torch;

namespace XraySynth.Gan.Sampling;

/// <summary>
/// Samples synthetic images from a trained run into a dataset folder the balancer can merge: PNGs plus a
/// manifest with source = synthetic, split = train, the asked labels, the generator's SHA-256, each image's
/// seed and the truncation psi. Any image can be regenerated from its manifest row.
/// </summary>
public static class GanSampler
{
    /// <summary>Generates every requested image, batched, and writes the dataset.</summary>
    public static Dataset Sample(SampleRequest request, Device device, IReporter reporter)
    {
        if (request.CountPerCondition < 1) throw new UserError($"--count {request.CountPerCondition}: expected 1 or more");
        if (request.Truncation <= 0 || request.Truncation > 2) throw new UserError($"--truncation {request.Truncation}: expected a value in (0, 2]");
        if (request.BatchSize < 1) throw new UserError($"--batch {request.BatchSize}: expected 1 or more");
        string root = Path.GetFullPath(request.Out);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !request.Force)
            throw new UserError($"{request.Out} is not empty (use --force to replace it)");

        using var generator = Open(request, device);
        UnfinishedGenerator.Ensure(generator, request.AllowUnfinished, "gan sample", reporter);
        // Images are written as generated: the final resolution, or (opted in) an unfinished PGGAN's phase, never upscaled.
        int size = generator.SampleResolution;
        var vocabulary = new LabelVocabulary(generator.Labels);
        foreach (var condition in request.Conditions)
            foreach (string label in condition)
                if (!vocabulary.Contains(label))
                    throw new UserError($"--labels: '{label}' is not a label of this generator{NameSuggester.Hint(label, vocabulary.Names)} (labels: {vocabulary})");

        Directory.CreateDirectory(Path.Combine(root, "images"));
        var rows = new List<ImageRecord>();
        int total = request.Conditions.Count * request.CountPerCondition;
        using var progress = reporter.Start("gan sample", total);
        string shortHash = generator.Hash[..12];
        foreach (var condition in request.Conditions)
        {
            string conditionText = vocabulary.Format(condition);
            string slug = conditionText.Replace('|', '+').Replace(' ', '_');
            float[] multiHot = vocabulary.MultiHot(condition);
            for (int start = 0; start < request.CountPerCondition; start += request.BatchSize)
            {
                int n = Math.Min(request.BatchSize, request.CountPerCondition - start);
                var seeds = Enumerable.Range(start, n).Select(i => TrainedGenerator.ImageSeed(request.Seed, conditionText, i)).ToArray();
                var latents = seeds.SelectMany(s => TrainedGenerator.LatentOf(s, request.Truncation, generator.LatentSize)).ToArray();
                var conditions = Enumerable.Repeat(multiHot, n).SelectMany(v => v).ToArray();
                byte[] pixels = generator.GeneratePixels(latents, conditions, n, size);
                for (int k = 0; k < n; k++)
                {
                    string id = $"syn-{shortHash}-{slug}-{start + k:D6}";
                    string file = $"images/{id}.png";
                    ImageCodec.WritePng(new GrayImage(size, size, pixels[(k * size * size)..((k + 1) * size * size)]), Path.Combine(root, file));
                    rows.Add(new ImageRecord
                    {
                        Id = id, Path = file, PatientId = $"synthetic-{shortHash}", Split = Split.Train, Source = ImageSource.Synthetic,
                        Labels = condition.Distinct().OrderBy(vocabulary.IndexOf).ToArray(), Width = size, Height = size,
                        GeneratorHash = generator.Hash, GeneratorSeed = seeds[k], Truncation = request.Truncation,
                    });
                }
                progress.Advance(n);
            }
        }

        string unfinished = UnfinishedGenerator.IsFinished(generator) ? ""
            : $"; unfinished: generated at {UnfinishedGenerator.Phase(generator)}, sampled with {UnfinishedGenerator.Flag}";
        var info = new DatasetInfo
        {
            Name = $"synthetic-{generator.RunName}",
            Labels = vocabulary.Names,
            Origin = $"sampled from GAN run {generator.RunName}, {generator.Origin} " +
                     $"({generator.Kimg.ToString("0.###", CultureInfo.InvariantCulture)} kimg, sha256 {generator.Hash}{unfinished})",
            License = "derived from the training data: same terms",
            CreatedBy = request.CreatedBy,
            CreatedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        var dataset = new Dataset(root, info, rows, []);
        dataset.Save();
        reporter.Info($"gan sample: {rows.Count} images ({request.Conditions.Count} condition(s) x {request.CountPerCondition}) in {root}");
        return dataset;
    }

    /// <summary>The generator a request names: its bundle, its ONNX model, or its run's snapshot (exactly one).</summary>
    public static ISampleSource Open(SampleRequest request, Device device)
    {
        int given = (string.IsNullOrEmpty(request.Run) ? 0 : 1) + (request.Bundle is null ? 0 : 1) + (request.Onnx is null ? 0 : 1);
        if (given != 1) throw new UserError("name exactly one generator: --run RUN, --bundle NAME.xsgan or --onnx NAME.onnx");
        if (request.Bundle is { } bundle) return TrainedGenerator.FromBundle(bundle, device);
        if (request.Onnx is { } onnx) return new Onnx.OnnxGenerator(onnx);
        return TrainedGenerator.Load(request.Run, request.Snapshot, device);
    }
}
