using System.Text.Json;

namespace XraySynth.Data;

/// <summary>
/// A dataset folder: <c>manifest.csv</c> (images), <c>boxes.csv</c> (finding boxes) and <c>dataset.json</c>
/// (name, label vocabulary, origin, license, creating command). Every stage reads and writes this format.
/// </summary>
public sealed class Dataset
{
    /// <summary>Name of the metadata file.</summary>
    public const string InfoFileName = "dataset.json";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The folder (absolute).</summary>
    public string Root { get; }
    /// <summary>dataset.json.</summary>
    public DatasetInfo Info { get; }
    /// <summary>Label vocabulary (from <see cref="Info"/>).</summary>
    public LabelVocabulary Vocabulary { get; }
    /// <summary>manifest.csv rows.</summary>
    public IReadOnlyList<ImageRecord> Images { get; }
    /// <summary>boxes.csv rows.</summary>
    public IReadOnlyList<BoxRecord> Boxes { get; }

    /// <summary>Creates an in-memory dataset rooted at <paramref name="root"/>.</summary>
    public Dataset(string root, DatasetInfo info, IReadOnlyList<ImageRecord> images, IReadOnlyList<BoxRecord> boxes)
    {
        Root = Path.GetFullPath(root);
        Info = info;
        Vocabulary = info.Vocabulary();
        Images = images;
        Boxes = boxes;
    }

    /// <summary>Loads a dataset folder.</summary>
    /// <exception cref="DataError">A file is missing or malformed (file and line named).</exception>
    public static Dataset Load(string folder)
    {
        string root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) throw new DataError(folder, 0, "dataset folder not found");
        string infoPath = Path.Combine(root, InfoFileName);
        if (!File.Exists(infoPath))
            throw new DataError(infoPath, 0, "missing: not a dataset folder (create one with 'xraysynth data import' or 'xraysynth data phantom')");
        DatasetInfo info;
        try
        {
            info = JsonSerializer.Deserialize<DatasetInfo>(File.ReadAllText(infoPath), Json)
                   ?? throw new DataError(infoPath, 0, "empty JSON");
        }
        catch (JsonException e)
        {
            throw new DataError(infoPath, (int)(e.LineNumber ?? -1) + 1, "invalid dataset.json: " + e.Message.Split('\n')[0]);
        }
        LabelVocabulary vocabulary;
        try { vocabulary = info.Vocabulary(); }
        catch (ArgumentException e) { throw new DataError(infoPath, 0, "labels: " + e.Message); }

        var images = ManifestFile.Read(Path.Combine(root, ManifestFile.FileName), vocabulary);
        string boxesPath = Path.Combine(root, BoxesFile.FileName);
        var boxes = File.Exists(boxesPath) ? BoxesFile.Read(boxesPath, vocabulary) : [];
        return new Dataset(root, info, images, boxes);
    }

    /// <summary>Writes the three files into <see cref="Root"/> (creating it), each atomically.</summary>
    public void Save()
    {
        Directory.CreateDirectory(Root);
        ManifestFile.Write(Path.Combine(Root, ManifestFile.FileName), Images, Vocabulary);
        BoxesFile.Write(Path.Combine(Root, BoxesFile.FileName), Boxes);
        Common.AtomicFile.WriteText(Path.Combine(Root, InfoFileName), w => w.Write(JsonSerializer.Serialize(Info, Json) + "\n"));
    }

    /// <summary>The same dataset with other images/boxes (and optionally info), rooted elsewhere if given.</summary>
    public Dataset With(IReadOnlyList<ImageRecord>? images = null, IReadOnlyList<BoxRecord>? boxes = null, DatasetInfo? info = null, string? root = null) =>
        new(root ?? Root, info ?? Info, images ?? Images, boxes ?? Boxes);

    /// <summary>Absolute path of an image file.</summary>
    public string FullPath(ImageRecord image) =>
        Path.IsPathRooted(image.Path) ? image.Path : Path.GetFullPath(Path.Combine(Root, image.Path));

    /// <summary>Images of one split.</summary>
    public IEnumerable<ImageRecord> InSplit(Split split) => Images.Where(i => i.Split == split);

    /// <summary>Multi-hot label matrix [images × labels] in manifest order.</summary>
    public float[,] LabelMatrix(IReadOnlyList<ImageRecord>? images = null)
    {
        images ??= Images;
        var m = new float[images.Count, Vocabulary.Count];
        for (int i = 0; i < images.Count; i++)
            foreach (string l in images[i].Labels) m[i, Vocabulary.IndexOf(l)] = 1;
        return m;
    }
}
