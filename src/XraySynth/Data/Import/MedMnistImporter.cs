using XraySynth.Common;
using XraySynth.Data.Images;

namespace XraySynth.Data.Import;

/// <summary>
/// Imports a MedMNIST chest set from its .npz (keys train_images, train_labels, val_…, test_…; uint8 images
/// [N,H,W] at 28, 64, 128 or 224 px): ChestMNIST (labels [N,14], multi-hot, NIH14 order) or PneumoniaMNIST
/// (labels [N,1], 1 = pneumonia, 0 = No Finding). The official splits are kept. The images exist only inside
/// the .npz, so they are written as PNGs to OUT/images/. MedMNIST has no patient ids: one patient per image.
/// </summary>
public sealed class MedMnistImporter : IDatasetImporter
{
    /// <summary>The splits in file order with their key prefixes.</summary>
    static readonly (Split Split, string Key)[] Splits = [(Split.Train, "train"), (Split.Val, "val"), (Split.Test, "test")];

    /// <summary>Known flavors: --flavor name → label width and vocabulary.</summary>
    public static readonly IReadOnlyDictionary<string, (string Set, LabelVocabulary Vocabulary)> Flavors =
        new Dictionary<string, (string, LabelVocabulary)>(StringComparer.Ordinal)
        {
            ["chest"] = ("ChestMNIST", LabelVocabulary.Nih14),
            ["pneumonia"] = ("PneumoniaMNIST", new LabelVocabulary(["Pneumonia"])),
        };

    /// <inheritdoc />
    public string Kind => "medmnist";

    /// <inheritdoc />
    public string Description => "MedMNIST ChestMNIST or PneumoniaMNIST .npz (the file, or a folder holding one); images written as PNGs";

    /// <inheritdoc />
    public ImportSummary Import(ImportOptions options, IReporter reporter)
    {
        options.Validate();
        string npzPath = FindNpz(options.Source);
        string root = ImportOutput.Prepare(options.Output);
        var issues = new ImportIssues();
        using var npz = NpzArchive.Open(npzPath);

        // Labels first (small): they fix the flavor, the row counts and which rows are bad.
        var labels = Splits.ToDictionary(s => s.Split, s => ReadLabels(npz, s.Key));
        string flavor = ResolveFlavor(options.Flavor, labels[Split.Train].Width, npz.File);
        var (set, vocabulary) = Flavors[flavor];
        var badRows = new HashSet<(Split, int)>();
        foreach (var (split, key) in Splits)
        {
            var (values, width, _) = labels[split];
            if (width != vocabulary.Count)
                throw new DataError(npz.File, 0, $"{key}_labels.npy has {width} label column(s) but train_labels has {vocabulary.Count}");
            for (int row = 0; row < values.Length / width; row++)
                for (int c = 0; c < width; c++)
                    if (values[row * width + c] is not (0 or 1))
                    {
                        issues.Add($"{npz.File}:{key}_labels.npy", 0, $"row {row}: label value {values[row * width + c]} in column {c}, expected 0 or 1");
                        badRows.Add((split, row));
                        break;
                    }
        }
        issues.ThrowUnlessSkipping(options.SkipBad);
        foreach (var (split, key) in Splits) OpenImages(npz, key, labels[split].Rows).Dispose(); // every header checked before any file is written

        Directory.CreateDirectory(Path.Combine(root, "images"));
        var records = new List<ImageRecord>();
        int total = labels.Values.Sum(l => l.Rows);
        using (var progress = reporter.Start($"writing {set} images", total))
        {
            foreach (var (split, key) in Splits)
            {
                var (values, width, rows) = labels[split];
                using var images = OpenImages(npz, key, rows);
                var shape = images.Header.Shape;
                int h = (int)shape[1], w = (int)shape[2];
                var pixels = new byte[h * w];
                for (int row = 0; row < rows; row++)
                {
                    try { images.ReadBytes(pixels); }
                    catch (InvalidDataException e) { throw new DataError(npz.File, 0, $"{key}_images.npy: {e.Message}"); }
                    progress.Advance();
                    if (badRows.Contains((split, row))) continue;
                    string id = $"{key}_{row:D6}";
                    string file = $"images/{id}.png";
                    ImageCodec.WritePng(new GrayImage(w, h, (byte[])pixels.Clone()), Path.Combine(root, file));
                    var names = Enumerable.Range(0, width).Where(c => values[row * width + c] == 1).Select(c => vocabulary.Names[c]).ToArray();
                    records.Add(new ImageRecord { Id = id, Path = file, PatientId = id, Split = split, Labels = names, Width = w, Height = h });
                }
            }
        }

        var info = new DatasetInfo
        {
            Name = set.ToLowerInvariant(),
            Labels = vocabulary.Names,
            Origin = $"MedMNIST {set} (Yang et al., Scientific Data 2023) from {npz.File}; official MedMNIST train/val/test split; " +
                     "MedMNIST has no patient ids: one patient per image (patient_id = image id), so patient-disjointness cannot be checked",
            License = "CC BY 4.0 (MedMNIST)",
            CreatedBy = options.CreatedBy,
            CreatedUtc = ImportOutput.UtcNow(),
        };
        return ImportOutput.Save(root, info, records, [], options, issues, missing: 0, reporter);
    }

    /// <summary>The .npz named by --source: the file itself, or the only .npz in the folder.</summary>
    static string FindNpz(string source)
    {
        if (File.Exists(source)) return Path.GetFullPath(source);
        if (!Directory.Exists(source)) throw new UserError($"--source {source}: no such file or folder (expected a MedMNIST .npz or a folder holding one)");
        var found = Directory.EnumerateFiles(source, "*.npz").Order(StringComparer.Ordinal).ToList();
        return found.Count switch
        {
            1 => Path.GetFullPath(found[0]),
            0 => throw new DataError(source, 0, "no .npz file in this folder (expected e.g. pneumoniamnist.npz or chestmnist.npz)"),
            _ => throw new DataError(source, 0, $"{found.Count} .npz files here ({string.Join(", ", found.Select(Path.GetFileName))}); pass one as --source"),
        };
    }

    /// <summary>The images array of a split, checked: uint8, grayscale (rows, H, W).</summary>
    static NpyReader OpenImages(NpzArchive npz, string key, int rows)
    {
        var images = npz.Array($"{key}_images");
        var shape = images.Header.Shape;
        string? problem = images.ElementSize != 1 || images.Kind != 'u' ? $"dtype '{images.Header.Descr}': images must be uint8 ('|u1')"
            : shape.Count != 3 || shape[0] != rows || shape[1] <= 0 || shape[2] <= 0 || shape[1] * shape[2] > 1 << 26
                ? $"shape {images.Header.ShapeText}: expected grayscale ({rows}, H, W) to match {key}_labels" : null;
        if (problem is null) return images;
        images.Dispose();
        throw new DataError(npz.File, 0, $"{key}_images.npy: {problem}");
    }

    static (long[] Values, int Width, int Rows) ReadLabels(NpzArchive npz, string key)
    {
        using var reader = npz.Array($"{key}_labels");
        var shape = reader.Header.Shape;
        if (shape.Count is not (1 or 2) || shape[0] < 0 || shape.Count == 2 && shape[1] <= 0)
            throw new DataError(npz.File, 0, $"{key}_labels.npy: shape {reader.Header.ShapeText}: expected (N, labels) or (N,)");
        try
        {
            long[] values = reader.ReadAllAsInt64();
            return (values, shape.Count == 2 ? (int)shape[1] : 1, (int)shape[0]);
        }
        catch (InvalidDataException e) { throw new DataError(npz.File, 0, $"{key}_labels.npy: {e.Message}"); }
    }

    static string ResolveFlavor(string? flavor, int width, string file)
    {
        string detected = width switch
        {
            14 => "chest",
            1 => "pneumonia",
            _ => throw new DataError(file, 0, $"train_labels has {width} columns: expected 14 (ChestMNIST) or 1 (PneumoniaMNIST)"),
        };
        if (flavor is null) return detected;
        if (!Flavors.ContainsKey(flavor)) throw new UserError($"--flavor {flavor}: expected {string.Join(" or ", Flavors.Keys)}{NameSuggester.Hint(flavor, Flavors.Keys)}");
        if (flavor != detected)
            throw new DataError(file, 0, $"--flavor {flavor} expects {Flavors[flavor].Vocabulary.Count} label column(s), train_labels has {width}");
        return flavor;
    }
}
