using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Checks;
using XraySynth.Data.Images;
using XraySynth.Data.Loading.Augmentations;
using XraySynth.Detect.Boxes;
using XraySynth.Detect.Training;

namespace XraySynth.Detect.Synthesis;

/// <summary>The geometry of a lesion-crops dataset, written beside it (<see cref="LesionCrops.GeometryFile"/>) so patch sources know where the lesion sits.</summary>
/// <param name="Size">Crop side in pixels.</param>
/// <param name="Margin">Context on each side as a fraction of the box side.</param>
/// <param name="Classes">The classes cropped (the crops dataset's labels).</param>
/// <param name="Source">The dataset the boxes came from.</param>
public sealed record LesionCropGeometry(
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("margin")] double Margin,
    [property: JsonPropertyName("classes")] IReadOnlyList<string> Classes,
    [property: JsonPropertyName("source")] string Source)
{
    /// <summary>The lesion's box in a crop (or a generated patch) of <paramref name="size"/> pixels: the central square of side size / (1 + 2·margin).</summary>
    public Box LesionIn(int size)
    {
        double inner = size / (1 + 2 * Margin), offset = Margin * inner;
        return new Box(offset, offset, offset + inner, offset + inner);
    }
}

/// <summary>
/// The training set of a lesion-patch GAN: one square crop per real training box, the box plus a margin of its
/// surroundings on each side (relative to the box's width and height), resampled to <see cref="LesionCropConfig.Size"/>
/// pixels, labelled with the box's class only. The lesion therefore always fills the crop's central square, and a
/// generated patch is pasted back stretched to a real box's width and height. A dataset folder in the usual format
/// (all rows train, real), so <c>xraysynth gan train</c> trains on it unchanged.
/// </summary>
public static class LesionCrops
{
    /// <summary>File beside the crops dataset that records its geometry.</summary>
    public const string GeometryFile = "lesion-crops.json";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the crops of <paramref name="real"/>'s training boxes into <paramref name="outFolder"/>.</summary>
    /// <exception cref="UserError">No training boxes of the classes, an unknown class, or a non-empty output without <paramref name="overwrite"/>.</exception>
    public static Dataset Write(Dataset real, LesionCropConfig config, string outFolder, string createdBy, IReporter reporter, bool overwrite = false)
    {
        string root = Path.GetFullPath(outFolder);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !overwrite)
            throw new UserError($"--out {outFolder} is not empty (use --force to replace its files)");
        var boxed = DetectionSamples.BoxedLabels(real);
        var classes = config.Classes.Count > 0 ? config.Classes : boxed;
        foreach (string c in classes)
            if (!boxed.Contains(c)) throw new UserError($"lesion crops: class '{c}' has no training box in {real.Root}{NameSuggester.Hint(c, boxed)} (boxed: {string.Join(", ", boxed)})");
        var train = real.Images.Where(i => i.Split == Split.Train && i.Source == ImageSource.Real).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var boxes = real.Boxes.Where(b => train.ContainsKey(b.ImageId) && classes.Contains(b.Label) && b.W > 0 && b.H > 0).ToList();
        if (boxes.Count == 0) throw new UserError($"{real.Root}: no training box of {string.Join(", ", classes)} to crop");

        Directory.CreateDirectory(Path.Combine(root, "images"));
        var images = new List<ImageRecord>(boxes.Count);
        using var progress = reporter.Start("lesion crops", boxes.Count);
        foreach (var group in boxes.Select((b, i) => (Box: b, Index: i)).GroupBy(b => b.Box.ImageId))
        {
            var source = train[group.Key];
            var pixels = ImageCodec.Decode(real.FullPath(source));
            foreach (var (box, index) in group)
            {
                string id = $"crop-{index.ToString("D6", CultureInfo.InvariantCulture)}.png";
                ImageCodec.WritePng(Crop(pixels, box, config.Margin, config.Size), Path.Combine(root, "images", id));
                images.Add(new ImageRecord
                {
                    Id = id, Path = "images/" + id, PatientId = source.PatientId, Split = Split.Train, Source = ImageSource.Real,
                    Labels = [box.Label], ViewPosition = source.ViewPosition, Age = source.Age, Sex = source.Sex, Width = config.Size, Height = config.Size,
                });
                progress.Advance();
            }
        }
        images.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var info = new DatasetInfo
        {
            Name = real.Info.Name + "-lesion-crops",
            Labels = classes,
            Origin = $"{images.Count} crops around the training boxes of {real.Info.Name} ({real.Root}), margin {config.Margin.ToString(CultureInfo.InvariantCulture)}, {config.Size} px",
            License = real.Info.License,
            CreatedBy = createdBy,
            CreatedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        var dataset = new Dataset(root, info, images, []);
        DatasetChecks.Run(dataset, checks: [new UniqueIdsCheck(), new ManifestLabelsCheck()]).EnsureValid();
        dataset.Save();
        AtomicFile.WriteText(Path.Combine(root, GeometryFile), w => w.Write(JsonSerializer.Serialize(new LesionCropGeometry(config.Size, config.Margin, classes, real.Root), Json)));
        reporter.Info($"lesion crops: {images.Count} ({string.Join(", ", images.GroupBy(i => i.Labels[0]).Select(g => $"{g.Key} {g.Count()}"))}) -> {root}");
        return dataset;
    }

    /// <summary>Reads the geometry written beside a crops dataset.</summary>
    /// <exception cref="UserError">The folder has none (it is not a lesion-crops dataset).</exception>
    public static LesionCropGeometry ReadGeometry(string cropsFolder)
    {
        string path = Path.Combine(cropsFolder, GeometryFile);
        if (!File.Exists(path)) throw new UserError($"{path} is missing: {cropsFolder} is not a lesion-crops dataset (made by 'xraysynth detect crops')");
        try { return JsonSerializer.Deserialize<LesionCropGeometry>(File.ReadAllText(path)) ?? throw new UserError($"{path}: empty"); }
        catch (JsonException e) { throw new UserError($"{path}: invalid ({e.Message})", e); }
    }

    /// <summary>
    /// The crop of <paramref name="box"/> in <paramref name="image"/>: the region widened by <paramref name="margin"/> of
    /// the box's width and height on each side, sampled bilinearly (edges clamped) onto <paramref name="size"/> × <paramref name="size"/>.
    /// </summary>
    public static GrayImage Crop(GrayImage image, BoxRecord box, double margin, int size)
    {
        double x0 = box.X - margin * box.W, y0 = box.Y - margin * box.H;
        double w = box.W * (1 + 2 * margin), h = box.H * (1 + 2 * margin);
        var crop = new GrayImage(size, size);
        for (int v = 0; v < size; v++)
            for (int u = 0; u < size; u++)
            {
                double x = x0 + (u + 0.5) * w / size - 0.5, y = y0 + (v + 0.5) * h / size - 0.5;
                crop.Pixels[v * size + u] = Bilinear.ToByte(Sample(image, x, y));
            }
        return crop;
    }

    static float Sample(GrayImage image, double x, double y)
    {
        x = Math.Clamp(x, 0, image.Width - 1);
        y = Math.Clamp(y, 0, image.Height - 1);
        int xa = (int)x, ya = (int)y, xb = Math.Min(xa + 1, image.Width - 1), yb = Math.Min(ya + 1, image.Height - 1);
        double fx = x - xa, fy = y - ya;
        double top = image[xa, ya] + fx * (image[xb, ya] - image[xa, ya]);
        double bottom = image[xa, yb] + fx * (image[xb, yb] - image[xa, yb]);
        return (float)(top + fy * (bottom - top));
    }
}
