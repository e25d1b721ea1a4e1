using System.Globalization;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Checks;
using XraySynth.Data.Images;
using XraySynth.Detect.Boxes;
using XraySynth.Detect.Training;

namespace XraySynth.Detect.Synthesis;

/// <summary>What the blender added.</summary>
/// <param name="Dataset">The written dataset (real images by reference, new images under images/).</param>
/// <param name="AddedPerClass">New images (= new boxes) per class.</param>
public sealed record BlendResult(Dataset Dataset, IReadOnlyDictionary<string, int> AddedPerClass);

/// <summary>
/// Synthetic detection data with known boxes: for each class, disease-free training images each receive one lesion
/// patch (<see cref="ILesionPatchSource"/>), pasted where and as large as a real box of that class is: a real box of
/// the class is drawn, its centre and size (relative to its image) are carried over to the background image (the
/// centre jittered), so lesions land where real ones do, inside the lung fields, with the real size distribution.
/// The output is a dataset folder in the Balance stage's format: the real images by reference, the new ones as
/// synthetic train rows under <c>images/</c> with their boxes in boxes.csv; val and test are untouched.
/// </summary>
public static class LesionPatchBlender
{
    /// <summary>Writes the augmented dataset into <paramref name="outFolder"/>.</summary>
    /// <exception cref="UserError">No disease-free training image, no boxes, an input folder as output, or a non-empty output without <paramref name="overwrite"/>.</exception>
    public static BlendResult Apply(Dataset real, ILesionPatchSource patches, BlendConfig config, string outFolder, long seed, string createdBy,
        IReporter reporter, bool overwrite = false)
    {
        string root = Path.GetFullPath(outFolder);
        if (string.Equals(Path.TrimEndingDirectorySeparator(root), Path.TrimEndingDirectorySeparator(real.Root), StringComparison.Ordinal))
            throw new UserError($"--out {outFolder}: that is the input dataset; write the augmented dataset to a new folder");
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !overwrite)
            throw new UserError($"--out {outFolder} is not empty (use --force to replace its files)");
        var classes = config.Classes.Count > 0 ? config.Classes : DetectionSamples.BoxedLabels(real);
        var backgrounds = real.Images.Where(i => i.Split == Split.Train && i.Source == ImageSource.Real && i.Labels.Count == 0).ToArray();
        if (backgrounds.Length == 0) throw new UserError($"{real.Root}: no disease-free real training image to paste lesions into");
        var trainIds = real.Images.Where(i => i.Split == Split.Train && i.Source == ImageSource.Real).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var references = real.Boxes.Where(b => trainIds.ContainsKey(b.ImageId)).ToLookup(b => b.Label, StringComparer.Ordinal);

        Directory.CreateDirectory(Path.Combine(root, "images"));
        var added = new List<ImageRecord>();
        var addedBoxes = new List<BoxRecord>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var progress = reporter.Start("blend lesions", classes.Count * config.PerClass);
        foreach (string label in classes)
        {
            var refs = references[label].ToArray();
            if (refs.Length == 0) throw new UserError($"{real.Root}: no training box of '{label}' to take positions and sizes from");
            for (int k = 0; k < config.PerClass; k++)
            {
                var random = SeedDerivation.CreateRandom(seed, $"blend-{label}-{k}");
                var background = backgrounds[random.Next(backgrounds.Length)];
                var image = ImageCodec.Decode(real.FullPath(background));
                var reference = refs[random.Next(refs.Length)];
                var target = Place(reference, trainIds[reference.ImageId], image, config.PositionJitter, random);
                var patch = patches.Next(label, config.Margin, random);
                var box = PatchBlending.Paste(image, patch, target);
                string id = $"blend-{Safe(label)}-{k.ToString("D5", CultureInfo.InvariantCulture)}.png";
                ImageCodec.WritePng(image, Path.Combine(root, "images", id));
                added.Add(background with
                {
                    Id = id, Path = "images/" + id, Source = ImageSource.Synthetic, Labels = [label],
                    GeneratorHash = null, GeneratorSeed = SeedDerivation.Derive(seed, $"blend-{label}-{k}"), Truncation = null,
                });
                addedBoxes.Add(new BoxRecord(id, label, box.X0, box.Y0, box.Width, box.Height));
                progress.Advance();
            }
            counts[label] = config.PerClass;
        }

        string Relative(ImageRecord i) => Path.IsPathRooted(i.Path) ? i.Path : Path.GetRelativePath(root, real.FullPath(i)).Replace('\\', '/');
        var images = real.Images.Select(i => i with { Path = Relative(i) }).Concat(added).ToList();
        var info = real.Info with
        {
            Name = real.Info.Name + "+blend",
            Origin = $"{real.Info.Origin}; plus {added.Count} disease-free training images with one pasted lesion each ({patches.Description}), boxes known",
            CreatedBy = createdBy,
            CreatedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        var merged = new Dataset(root, info, images, real.Boxes.Concat(addedBoxes).ToList());
        DatasetChecks.Run(merged, checks: [new UniqueIdsCheck(), new ManifestLabelsCheck(), new PatientSplitsCheck(), new SyntheticSplitCheck(), new BoxesCheck()]).EnsureValid();
        merged.Save();
        reporter.Info($"blend: {added.Count} lesion images ({string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}) -> {root}");
        return new BlendResult(merged, counts);
    }

    /// <summary>The target box: the reference box's centre and size relative to its image, carried to <paramref name="image"/>, centre jittered, kept inside.</summary>
    static Box Place(BoxRecord reference, ImageRecord referenceImage, GrayImage image, double jitter, Random random)
    {
        double rw = referenceImage.Width > 0 ? referenceImage.Width : image.Width, rh = referenceImage.Height > 0 ? referenceImage.Height : image.Height;
        double w = Math.Min(image.Width, reference.W / rw * image.Width), h = Math.Min(image.Height, reference.H / rh * image.Height);
        double cx = (reference.X + reference.W / 2) / rw * image.Width + (random.NextDouble() * 2 - 1) * jitter * w;
        double cy = (reference.Y + reference.H / 2) / rh * image.Height + (random.NextDouble() * 2 - 1) * jitter * h;
        cx = Math.Clamp(cx, w / 2, image.Width - w / 2);
        cy = Math.Clamp(cy, h / 2, image.Height - h / 2);
        return Box.FromCenter(cx, cy, Math.Max(1, w), Math.Max(1, h));
    }

    static string Safe(string label) => new(label.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
}
