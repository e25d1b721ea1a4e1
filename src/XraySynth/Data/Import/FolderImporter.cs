using System.Text.RegularExpressions;
using XraySynth.Common;

namespace XraySynth.Data.Import;

/// <summary>
/// Imports one folder per class, single label per image: the COVID-19 Radiography Database (<c>COVID/</c>,
/// <c>Normal/</c>, <c>Viral Pneumonia/</c>, <c>Lung_Opacity/</c>, each possibly with an <c>images/</c> subfolder,
/// whose sibling <c>masks/</c> is ignored) or Kermany's pneumonia set (<c>train/NORMAL</c>, <c>test/PNEUMONIA</c>, ...).
/// Split folders (train, val/valid/validation, test) are kept; without them patients are split by seeded shuffle.
/// Class names become labels via <see cref="FolderClassNames"/>. Images are referenced where they lie.
/// </summary>
/// <remarks>
/// Patients: Kermany file names carry one (person1_bacteria_1.jpeg → person1); other images are their own patient
/// (patient_id = image id). Image ids are the paths relative to the source, so equal file names in two folders stay distinct.
/// </remarks>
public sealed partial class FolderImporter : IDatasetImporter
{
    /// <inheritdoc />
    public string Kind => "folders";

    /// <inheritdoc />
    public string Description => "one folder per class (COVID-19 Radiography, Kermany pneumonia), optionally inside train/val/test folders";

    /// <inheritdoc />
    public ImportSummary Import(ImportOptions options, IReporter reporter)
    {
        options.Validate();
        string source = Path.GetFullPath(options.Source);
        if (!Directory.Exists(source)) throw new UserError($"--source {options.Source}: folder not found");
        string root = ImportOutput.Prepare(options.Output);
        var issues = new ImportIssues();

        var found = FindImages(source, issues, reporter);
        var labels = found.Select(f => f.Label).Where(l => l != LabelVocabulary.NoFinding).Distinct().Order(StringComparer.Ordinal).ToList();
        if (found.Count > 0 && labels.Count == 0)
            throw new DataError(source, 0, "only 'No Finding' (normal) class folders: a dataset needs at least one finding class folder");
        LabelVocabulary vocabulary;
        try { vocabulary = new LabelVocabulary(labels); }
        catch (ArgumentException e) { throw new DataError(source, 0, "class folder names: " + e.Message); }

        bool hasSplits = found.Any(f => f.Split is not null);
        var assigned = hasSplits ? null
            : PatientSplitter.Assign(found.Select(f => PatientOf(f.Id)), options.SplitFractions, options.Seed, "import/folders/split");
        var records = new List<ImageRecord>();
        using (var progress = reporter.Start("checking images", found.Count))
        {
            foreach (var (id, file, label, split) in found)
            {
                progress.Advance();
                if (!ImageFileCheck.TryCheck(file, options.VerifyImages, out int width, out int height, out string? problem))
                {
                    issues.Add(file, 0, problem!);
                    continue;
                }
                string patient = PatientOf(id);
                records.Add(new ImageRecord
                {
                    Id = id, Path = ImportOutput.ManifestPath(root, file), PatientId = patient, Split = split ?? assigned![patient],
                    Labels = label == LabelVocabulary.NoFinding ? [] : [label], Width = width, Height = height,
                });
            }
        }
        issues.ThrowUnlessSkipping(options.SkipBad);

        int spanning = records.GroupBy(r => r.PatientId).Count(g => g.Select(r => r.Split).Distinct().Count() > 1);
        if (spanning > 0) reporter.Warn($"{spanning} patient(s) have images in more than one split folder: the given split folders are not patient-disjoint");
        string splitText = hasSplits
            ? "split from the train/val/test folders"
            : FormattableString.Invariant($"patients split {options.SplitFractions.Train}/{options.SplitFractions.Val}/{options.SplitFractions.Test} by seeded shuffle (seed {options.Seed})");
        var info = new DatasetInfo
        {
            Name = Path.GetFileName(source.TrimEnd(Path.DirectorySeparatorChar)),
            Labels = vocabulary.Names,
            Origin = $"class folders imported from {source}; one label per image from its folder (Normal = No Finding); {splitText}; " +
                     "patient ids from Kermany file names (personN_...), otherwise one patient per image",
            License = "unknown: see the source dataset's terms",
            CreatedBy = options.CreatedBy,
            CreatedUtc = ImportOutput.UtcNow(),
        };
        return ImportOutput.Save(root, info, records, [], options, issues, missing: 0, reporter);
    }

    /// <summary>Every image with its id, label and split folder (null when there are no split folders).</summary>
    static List<(string Id, string File, string Label, Split? Split)> FindImages(string source, ImportIssues issues, IReporter reporter)
    {
        var top = Directory.EnumerateDirectories(source).Order(StringComparer.Ordinal).ToList();
        var splitFolders = top.Where(d => ManifestEnums.ParseSplit(Path.GetFileName(d)) is not null).ToList();
        var classParents = splitFolders.Count > 0
            ? splitFolders.Select(d => (Folder: d, Split: ManifestEnums.ParseSplit(Path.GetFileName(d)))).ToList()
            : [(source, (Split?)null)];
        if (splitFolders.Count > 0 && top.Count > splitFolders.Count)
            reporter.Warn($"ignored folder(s) beside the split folders: {string.Join(", ", top.Except(splitFolders).Select(Path.GetFileName))}");

        var found = new List<(string, string, string, Split?)>();
        var ignored = new List<string>();
        foreach (var (parent, split) in classParents)
        {
            var classes = Directory.EnumerateDirectories(parent).Order(StringComparer.Ordinal).ToList();
            if (classes.Count == 0)
            {
                issues.Add(parent, 0, "no class folders: expected one folder per class (e.g. Normal/, COVID/), or train/, val/, test/ holding them");
                continue;
            }
            foreach (string classFolder in classes)
            {
                string inner = Path.Combine(classFolder, "images");
                string imageFolder = Directory.Exists(inner) ? inner : classFolder;
                string label = FolderClassNames.LabelOf(Path.GetFileName(classFolder));
                int before = found.Count;
                foreach (string file in Directory.EnumerateFiles(imageFolder).Order(StringComparer.Ordinal))
                {
                    if (!ImageFileCheck.IsImage(file)) { ignored.Add(file); continue; }
                    found.Add((Path.GetRelativePath(source, file).Replace('\\', '/'), file, label, split));
                }
                if (found.Count == before) issues.Add(imageFolder, 0, "no image files (.png, .jpg, .jpeg) in this class folder");
            }
        }
        if (found.Count == 0 && issues.Count > 0) throw new DataError(issues.All.ToList());
        if (ignored.Count > 0) reporter.Warn($"ignored {ignored.Count} file(s) that are not images (e.g. {ignored[0]})");
        return found;
    }

    /// <summary>'person1' for Kermany's person1_bacteria_1.jpeg; otherwise the image id itself.</summary>
    public static string PatientOf(string id)
    {
        var match = KermanyPatient().Match(Path.GetFileName(id));
        return match.Success ? match.Groups[1].Value : id;
    }

    [GeneratedRegex("^(person[0-9]+)_", RegexOptions.IgnoreCase)]
    private static partial Regex KermanyPatient();
}
