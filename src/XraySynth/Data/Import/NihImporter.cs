using XraySynth.Common;

namespace XraySynth.Data.Import;

/// <summary>
/// Imports NIH ChestX-ray14 as NIH or Kaggle ship it: a label file (Data_Entry_2017.csv, sample_labels.csv or
/// labels.csv), images in <c>images/</c>, <c>images_001/images</c> … <c>images_012/images</c> or beside the label
/// file, optional BBox_List_2017.csv and the official split lists. Images are referenced where they lie, not copied.
/// </summary>
/// <remarks>
/// Splits: with train_val_list.txt and test_list.txt, test stays test and a seeded <see cref="ImportOptions.ValFraction"/>
/// of the train_val patients becomes val. The carve shuffles every train_val patient of the label file, not only
/// those whose images are present, so a patient's split does not change as more archives are downloaded.
/// Without the lists (Kaggle sample) patients are assigned train/val/test by <see cref="ImportOptions.SplitFractions"/>.
/// Manifest width/height are the files' real sizes; boxes are scaled from NIH's 1024-px space to them.
/// </remarks>
public sealed class NihImporter : IDatasetImporter
{
    /// <inheritdoc />
    public string Kind => "nih";

    /// <inheritdoc />
    public string Description => "NIH ChestX-ray14: Data_Entry_2017.csv or sample_labels.csv, images/ or images_0NN/images, BBox_List_2017.csv, official split lists";

    /// <inheritdoc />
    public ImportSummary Import(ImportOptions options, IReporter reporter)
    {
        options.Validate();
        string source = Path.GetFullPath(options.Source);
        if (!Directory.Exists(source)) throw new UserError($"--source {options.Source}: folder not found");
        string root = ImportOutput.Prepare(options.Output);
        string labelFile = FindLabelFile(source);
        var images = IndexImages(source, reporter);
        var issues = new ImportIssues();

        var rows = NihLabelFile.Read(labelFile, issues);
        reporter.Detail($"{labelFile}: {rows.Count} valid rows; {images.Count} image files in {string.Join(", ", images.Folders)}");
        var lists = NihSplitLists.TryRead(source, issues);
        var splitOf = lists is null ? SeededSplit(rows, options) : OfficialSplit(rows, lists, options);

        // Match rows to files; missing images are a partial download, not bad input.
        var missing = new MissingImages(Path.GetFileName(labelFile));
        var present = new List<(NihLabelRow Row, string File)>();
        foreach (var row in rows)
        {
            if (!images.TryGet(row.ImageIndex, out string file)) missing.Add(row.ImageIndex);
            else if (lists is not null && lists.IsTest(row.ImageIndex) is null)
                issues.Add(labelFile, row.Line, $"{row.ImageIndex}: in neither {NihSplitLists.TrainValFileName} nor {NihSplitLists.TestFileName}");
            else present.Add((row, file));
        }
        missing.Report(present.Count, options.Strict, reporter);

        var records = new Dictionary<string, ImageRecord>(StringComparer.Ordinal);
        using (var progress = reporter.Start("checking images", present.Count))
        {
            foreach (var (row, file) in present)
            {
                progress.Advance();
                if (!ImageFileCheck.TryCheck(file, options.VerifyImages, out int width, out int height, out string? problem))
                {
                    issues.Add(file, 0, $"{problem} (label file line {row.Line})");
                    continue;
                }
                records[row.ImageIndex] = new ImageRecord
                {
                    Id = row.ImageIndex, Path = ImportOutput.ManifestPath(root, file), PatientId = row.PatientId,
                    Split = SplitOf(row, lists, splitOf), Labels = row.Labels, ViewPosition = row.ViewPosition, Age = row.Age, Sex = row.Sex,
                    Width = width, Height = height,
                };
            }
        }

        var boxes = ReadBoxes(source, rows, records, images, issues, reporter);
        issues.ThrowUnlessSkipping(options.SkipBad);

        string split = lists is null
            ? FormattableString.Invariant($"no official split lists: patients assigned {options.SplitFractions.Train}/{options.SplitFractions.Val}/{options.SplitFractions.Test} by seeded shuffle (seed {options.Seed})")
            : FormattableString.Invariant($"official split: test_list.txt = test; train_val_list.txt = train, with val = {options.ValFraction} of its patients by seeded shuffle (seed {options.Seed})");
        var info = new DatasetInfo
        {
            Name = "nih-cxr14",
            Labels = LabelVocabulary.Nih14.Names,
            Origin = $"NIH ChestX-ray14 (Wang et al., ChestX-ray8, CVPR 2017) imported from {source} ({Path.GetFileName(labelFile)}); {split}; patient ids zero-padded to 8 digits; boxes scaled from the 1024-px space to each file's size",
            License = "NIH Clinical Center: unrestricted use; cite Wang et al., CVPR 2017",
            CreatedBy = options.CreatedBy,
            CreatedUtc = ImportOutput.UtcNow(),
        };
        var ordered = rows.Where(r => records.ContainsKey(r.ImageIndex)).Select(r => records[r.ImageIndex]).ToList();
        return ImportOutput.Save(root, info, ordered, boxes, options, issues, missing.Count, reporter);
    }

    static string FindLabelFile(string source)
    {
        foreach (string name in NihLabelFile.FileNames)
        {
            string path = Path.Combine(source, name);
            if (File.Exists(path)) return path;
        }
        throw new DataError(source, 0, $"missing label file: expected {string.Join(" or ", NihLabelFile.FileNames)} in this folder");
    }

    /// <summary>images/, images_*/images/, images_*/ and the source folder itself: one enumeration each.</summary>
    static ImageFileIndex IndexImages(string source, IReporter reporter)
    {
        var index = new ImageFileIndex();
        var folders = new List<string> { source };
        string flat = Path.Combine(source, "images");
        if (Directory.Exists(flat)) folders.Add(flat);
        foreach (string part in Directory.EnumerateDirectories(source, "images_*").Order(StringComparer.Ordinal))
        {
            folders.Add(part);
            string inner = Path.Combine(part, "images");
            if (Directory.Exists(inner)) folders.Add(inner);
        }
        foreach (string folder in folders) index.AddFolder(folder);
        if (index.Count == 0)
            throw new DataError(source, 0, "no image files (.png, .jpg) in this folder, images/ or images_0NN/images/");
        if (index.Duplicates.Count > 0)
            reporter.Warn($"{index.Duplicates.Count} image file name(s) found in more than one folder, the first one used (e.g. {index.Duplicates[0]})");
        return index;
    }

    /// <summary>Per patient: the train/val decision (test images are decided by the list, per image).</summary>
    static Dictionary<string, Split> OfficialSplit(List<NihLabelRow> rows, NihSplitLists lists, ImportOptions options)
    {
        var trainValPatients = rows.Where(r => lists.IsTest(r.ImageIndex) == false).Select(r => r.PatientId).ToList();
        var val = PatientSplitter.Carve(trainValPatients, options.ValFraction, options.Seed, "import/nih/val");
        var result = new Dictionary<string, Split>(StringComparer.Ordinal);
        foreach (string patient in trainValPatients) result[patient] = val.Contains(patient) ? Split.Val : Split.Train;
        foreach (var row in rows.Where(r => lists.IsTest(r.ImageIndex) == true)) result.TryAdd(row.PatientId, Split.Test);
        return result;
    }

    static Dictionary<string, Split> SeededSplit(List<NihLabelRow> rows, ImportOptions options) =>
        PatientSplitter.Assign(rows.Select(r => r.PatientId), options.SplitFractions, options.Seed, "import/nih/split");

    static Split SplitOf(NihLabelRow row, NihSplitLists? lists, Dictionary<string, Split> splitOf) =>
        lists?.IsTest(row.ImageIndex) == true ? Split.Test : splitOf[row.PatientId];

    static List<BoxRecord> ReadBoxes(string source, List<NihLabelRow> rows, Dictionary<string, ImageRecord> records, ImageFileIndex images, ImportIssues issues, IReporter reporter)
    {
        string path = Path.Combine(source, NihBoxFile.FileName);
        if (!File.Exists(path)) return [];
        var inLabelFile = rows.Select(r => r.ImageIndex).ToHashSet(StringComparer.Ordinal);
        var boxes = new List<BoxRecord>();
        int missing = 0;
        foreach (var box in NihBoxFile.Read(path, issues))
        {
            if (records.TryGetValue(box.ImageIndex, out var image))
            {
                double sx = image.Width / NihBoxFile.BoxSpace, sy = image.Height / NihBoxFile.BoxSpace;
                boxes.Add(new BoxRecord(image.Id, box.Label, box.X * sx, box.Y * sy, box.W * sx, box.H * sy));
            }
            else if (!images.TryGet(box.ImageIndex, out _)) missing++;
            else if (!inLabelFile.Contains(box.ImageIndex)) issues.Add(path, box.Line, $"{box.ImageIndex}: no valid row for this image in the label file");
            else issues.Add(path, box.Line, $"{box.ImageIndex}: box skipped because its image was skipped");
        }
        if (missing > 0) reporter.Warn($"{missing} box(es) in {NihBoxFile.FileName} are on images not on disk; skipped");
        return boxes;
    }
}
