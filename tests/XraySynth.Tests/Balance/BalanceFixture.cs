using XraySynth.Data;
using XraySynth.Data.Images;

namespace XraySynth.Tests.Balance;

/// <summary>
/// Small hand-countable manifests for the balancer: labels Effusion, Hernia, Mass, Nodule; real datasets with chosen
/// train positive counts (padded with No Finding rows), one val and one test row; synthetic datasets in the form
/// <c>gan sample</c> writes (source synthetic, split train, generator hash, seed, truncation).
/// </summary>
public static class BalanceFixture
{
    /// <summary>The label vocabulary of every fixture.</summary>
    public static readonly string[] Labels = ["Effusion", "Hernia", "Mass", "Nodule"];

    /// <summary>Side of the image files written.</summary>
    public const int Size = 16;

    /// <summary>The generator hash of synthetic fixtures.</summary>
    public const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>
    /// A real dataset: for each (labels, count) that many train rows (one patient each), then No Finding train rows up to
    /// <paramref name="trainImages"/>, a val row and a test row with findings, and a box on the first train row.
    /// </summary>
    public static Dataset Real(string root, int trainImages, params (string Labels, int Count)[] train)
    {
        var images = new List<ImageRecord>();
        foreach (var (labels, count) in train)
            for (int i = 0; i < count; i++) images.Add(Row($"r{images.Count:D4}", Split.Train, labels));
        while (images.Count < trainImages) images.Add(Row($"r{images.Count:D4}", Split.Train, ""));
        images.Add(Row("v0001", Split.Val, "Effusion|Hernia") with { Age = 61, Sex = "F", ViewPosition = "PA" });
        images.Add(Row("t0001", Split.Test, "Hernia") with { Age = 70, Sex = "M", ViewPosition = "AP" });
        var boxes = new List<BoxRecord> { new(images[0].Id, images[0].Labels.Count > 0 ? images[0].Labels[0] : "Effusion", 1, 1, 4, 4) };
        if (images[0].Labels.Count == 0) boxes.Clear();
        boxes.Add(new BoxRecord("t0001", "Hernia", 2, 2, 5, 5));
        return new Dataset(root, new DatasetInfo { Name = "tiny", Labels = Labels, Origin = "test fixture", License = "CC0" }, images, boxes);
    }

    /// <summary>A synthetic dataset with <c>count</c> images per condition ('|'-joined labels), ids prefixed by <paramref name="prefix"/>.</summary>
    public static Dataset Synthetic(string root, string prefix, params (string Labels, int Count)[] conditions)
    {
        var images = new List<ImageRecord>();
        foreach (var (labels, count) in conditions)
            for (int i = 0; i < count; i++)
                images.Add(new ImageRecord
                {
                    Id = $"{prefix}-{labels.Replace('|', '+')}-{i:D6}", Path = $"images/{prefix}-{labels.Replace('|', '+')}-{i:D6}.png",
                    PatientId = "synthetic-" + Hash[..12], Split = Split.Train, Source = ImageSource.Synthetic,
                    Labels = labels.Split('|'), Width = Size, Height = Size, GeneratorHash = Hash, GeneratorSeed = 1000 + i, Truncation = 0.7,
                });
        return new Dataset(root, new DatasetInfo { Name = "synthetic-" + prefix, Labels = Labels, Origin = "sampled" }, images, []);
    }

    /// <summary>Saves <paramref name="dataset"/> and writes a blank PNG for each of its relative image paths.</summary>
    public static Dataset Write(Dataset dataset)
    {
        dataset.Save();
        foreach (var image in dataset.Images)
        {
            string path = dataset.FullPath(image);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path)) ImageCodec.WritePng(new GrayImage(Size, Size), path);
        }
        return Dataset.Load(dataset.Root);
    }

    /// <summary>A real row of patient "p-ID".</summary>
    public static ImageRecord Row(string id, Split split, string labels) => new()
    {
        Id = id, Path = $"images/{id}.png", PatientId = "p-" + id, Split = split,
        Labels = labels.Length == 0 ? [] : labels.Split('|'), Width = Size, Height = Size,
    };

    /// <summary>Train positives of <paramref name="label"/> in <paramref name="dataset"/> (real and synthetic).</summary>
    public static int TrainPositives(Dataset dataset, string label) => dataset.InSplit(Split.Train).Count(i => i.Has(label));
}
