using System.Globalization;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Checks;
using XraySynth.Detect.Evaluation;
using XraySynth.Gan.Sampling;
using static TorchSharp.torch;

namespace XraySynth.Detect.Synthesis;

/// <summary>What pseudo-labelling kept.</summary>
/// <param name="Dataset">The merged dataset: the real images by reference plus the kept synthetic images with their pseudo-boxes.</param>
/// <param name="Sampled">Synthetic images sampled per class.</param>
/// <param name="Kept">Of those, kept per class (at least one pseudo-box of their class).</param>
/// <param name="Boxes">Pseudo-boxes added.</param>
public sealed record PseudoBoxResult(Dataset Dataset, IReadOnlyDictionary<string, int> Sampled, IReadOnlyDictionary<string, int> Kept, int Boxes);

/// <summary>
/// Synthetic detection data without known boxes: full synthetic images of each detection class are sampled from a
/// generator (conditioned on that class alone), a detector trained on real data boxes them, and the boxes of the
/// sampled class scoring at least the threshold become the images' boxes (pseudo-labels). Images where no such box
/// passes are dropped, so the kept set is the generator's output the real detector recognises. The merged dataset
/// (Balance stage format) has the sampled images under <c>sampled/</c> as synthetic train rows; val and test untouched.
/// </summary>
public static class PseudoBoxes
{
    /// <summary>Samples from <paramref name="generator"/>, boxes with <paramref name="detector"/>, writes the merged dataset into <paramref name="outFolder"/>.</summary>
    /// <exception cref="UserError">The generator makes none of the detector's classes, or the output is not empty without <paramref name="overwrite"/>.</exception>
    public static PseudoBoxResult Apply(Dataset real, string generator, TrainedDetector detector, int perClass, double minScore,
        string outFolder, long seed, string createdBy, Device device, IReporter reporter, bool overwrite = false)
    {
        string root = Path.GetFullPath(outFolder);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !overwrite)
            throw new UserError($"--out {outFolder} is not empty (use --force to replace its files)");
        IReadOnlyList<string> labels;
        using (var source = TrainedGenerator.Load(generator, null, device)) labels = source.Labels;
        var classes = detector.Info.Classes.Where(labels.Contains).ToList();
        if (classes.Count == 0)
            throw new UserError($"generator {Path.GetFileName(generator)} makes [{string.Join(", ", labels)}], none of the detector's classes [{string.Join(", ", detector.Info.Classes)}]");

        // 1. Full synthetic images, each conditioned on one detection class.
        string sampledFolder = Path.Combine(root, "sampled");
        var sampled = GanSampler.Sample(new SampleRequest(generator, [.. classes.Select(c => (IReadOnlyList<string>)[c])], perClass, sampledFolder,
            Seed: seed, Force: true, CreatedBy: createdBy), device, reporter);

        // 2. Boxes from the real-trained detector; keep those of the image's own class above the threshold.
        var predictions = detector.Predict(sampled, Split.Train, device, reporter, allImages: true);
        var byId = predictions.Images.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var boxes = predictions.AsBoxRecords(minScore).Where(b => byId[b.ImageId].Has(b.Label)).ToList();
        var boxed = boxes.Select(b => b.ImageId).ToHashSet(StringComparer.Ordinal);
        var kept = sampled.Images.Where(i => boxed.Contains(i.Id)).ToList();

        // 3. The merged dataset: real images by reference, kept synthetic images from sampled/, their pseudo-boxes.
        string Relative(Dataset from, ImageRecord i) => Path.IsPathRooted(i.Path) ? i.Path : Path.GetRelativePath(root, from.FullPath(i)).Replace('\\', '/');
        var images = real.Images.Select(i => i with { Path = Relative(real, i) })
            .Concat(kept.Select(i => i with { Path = Relative(sampled, i), Split = Split.Train })).ToList();
        var sampledCounts = classes.ToDictionary(c => c, c => sampled.Images.Count(i => i.Has(c)), StringComparer.Ordinal);
        var keptCounts = classes.ToDictionary(c => c, c => kept.Count(i => i.Has(c)), StringComparer.Ordinal);
        var info = real.Info with
        {
            Name = real.Info.Name + "+pseudo-boxes",
            Origin = $"{real.Info.Origin}; plus {kept.Count} of {sampled.Images.Count} synthetic images from GAN run {Path.GetFileName(generator)} " +
                     $"({string.Join(", ", classes.Select(c => $"{c} {keptCounts[c]}/{sampledCounts[c]}"))}), boxed by detector {detector.Name} at score ≥ " +
                     minScore.ToString("0.###", CultureInfo.InvariantCulture),
            CreatedBy = createdBy,
            CreatedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        var merged = new Dataset(root, info, images, [.. real.Boxes, .. boxes]);
        DatasetChecks.Run(merged, checks: [new UniqueIdsCheck(), new ManifestLabelsCheck(), new PatientSplitsCheck(), new SyntheticSplitCheck(), new BoxesCheck()]).EnsureValid();
        merged.Save();
        reporter.Info($"pseudo-boxes: kept {kept.Count} of {sampled.Images.Count} synthetic images ({boxes.Count} boxes at score ≥ {minScore.ToString(CultureInfo.InvariantCulture)}) -> {root}");
        return new PseudoBoxResult(merged, sampledCounts, keptCounts, boxes.Count);
    }
}
