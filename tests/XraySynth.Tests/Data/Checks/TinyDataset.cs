using XraySynth.Data;
using XraySynth.Data.Images;

namespace XraySynth.Tests.Data.Checks;

/// <summary>
/// A hand-countable dataset with labels A, B, C written to a folder with real 32×32 PNG files:
/// train p1 [A,B], p1 [A], p2 [], synthetic s1 [C]; val p3 [B,C]; test p4 [A]; one box (A on img1).
/// </summary>
public static class TinyDataset
{
    /// <summary>Side of every image in pixels.</summary>
    public const int Size = 32;

    /// <summary>The images in manifest order.</summary>
    public static IReadOnlyList<ImageRecord> Images { get; } =
    [
        Image("img1", "p1", Split.Train, "A", "B"),
        Image("img2", "p1", Split.Train, "A"),
        Image("img3", "p2", Split.Train),
        Image("img4", "p3", Split.Val, "B", "C"),
        Image("img5", "p4", Split.Test, "A"),
        Image("syn1", "s1", Split.Train, "C") with { Source = ImageSource.Synthetic, GeneratorHash = "abc", GeneratorSeed = 7, Truncation = 0.7 },
    ];

    /// <summary>One box inside img1, labelled with one of its labels.</summary>
    public static IReadOnlyList<BoxRecord> Boxes { get; } = [new BoxRecord("img1", "A", 4, 4, 10, 12)];

    /// <summary>Writes the dataset (and its PNG files) into <paramref name="folder"/>, optionally changed, and returns it.</summary>
    public static Dataset Write(string folder, IReadOnlyList<ImageRecord>? images = null, IReadOnlyList<BoxRecord>? boxes = null)
    {
        images ??= Images;
        var info = new DatasetInfo { Name = "tiny", Labels = ["A", "B", "C"] };
        var dataset = new Dataset(folder, info, images, boxes ?? Boxes);
        dataset.Save();
        foreach (var image in images)
        {
            string path = dataset.FullPath(image);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path)) ImageCodec.WritePng(new GrayImage(Size, Size), path);
        }
        return Dataset.Load(folder);
    }

    /// <summary>An image record of the tiny dataset's form.</summary>
    public static ImageRecord Image(string id, string patient, Split split, params string[] labels) => new()
    {
        Id = id, Path = $"images/{id}.png", PatientId = patient, Split = split, Labels = labels, Width = Size, Height = Size,
    };
}
