using System.Text.Json;
using XraySynth.Common;
using XraySynth.Data.Stats;

namespace XraySynth.Data.Splitting;

/// <summary>
/// Re-splits a dataset into train/val/test by patient with <see cref="IterativeStratifier"/>, so that every label's
/// positives are spread over the splits in the requested fractions and no patient spans two splits.
/// </summary>
/// <remarks>
/// Synthetic images always stay in train (never val or test) and are left out of the stratification; a real
/// patient sharing a patient id with a synthetic image is pinned to train. With <see cref="SplitConfig.KeepTest"/>
/// (for datasets imported with an official split, e.g. NIH's test_list.txt) the real test rows stay as they are
/// and only the other real rows are re-split into train/val, in the proportions train : val.
/// </remarks>
public static class DatasetSplitter
{
    /// <summary>File written beside the manifest: the split's settings and counts.</summary>
    public const string RecordFileName = "split.json";

    /// <summary>Loads <paramref name="folder"/>, re-splits it and saves it in place, or into <paramref name="outFolder"/>.</summary>
    /// <exception cref="UserError">Bad settings, an out folder that already holds a dataset, or a dataset that cannot keep its test rows.</exception>
    public static SplitResult SplitFolder(string folder, string? outFolder, SplitConfig config, IReporter reporter)
    {
        var dataset = Dataset.Load(folder);
        var result = Split(dataset, config);
        var output = result.Dataset;
        if (outFolder is not null && Path.GetFullPath(outFolder) != dataset.Root)
        {
            if (File.Exists(Path.Combine(outFolder, ManifestFile.FileName)))
                throw new UserError($"{outFolder} already holds a dataset: choose another --out, or leave --out out to split in place");
            output = Relocate(output, outFolder);
            result = result with { Dataset = output };
        }
        output.Save();
        WriteRecord(Path.Combine(output.Root, RecordFileName), config, result.Stats);
        foreach (string warning in result.Warnings) reporter.Warn(warning);
        reporter.Info($"wrote {Path.Combine(output.Root, ManifestFile.FileName)}");
        return result;
    }

    /// <summary>Re-splits <paramref name="dataset"/> in memory (nothing is written).</summary>
    public static SplitResult Split(Dataset dataset, SplitConfig config)
    {
        config.EnsureValid();
        var images = dataset.Images;
        var vocabulary = dataset.Vocabulary;
        var warnings = new List<string>();
        string manifest = Path.Combine(dataset.Root, ManifestFile.FileName);

        bool Kept(ImageRecord image) => config.KeepTest && image.Source == ImageSource.Real && image.Split == Data.Split.Test;
        if (config.KeepTest) CheckOfficialTest(images, manifest);

        int moved = images.Count(i => i.Source == ImageSource.Synthetic && i.Split != Data.Split.Train);
        if (moved > 0) warnings.Add($"{moved} synthetic image(s) were in val or test: moved to train (synthetic images are never evaluated on)");

        // Units: real patients not kept in test, in order of first appearance.
        var syntheticPatients = images.Where(i => i.Source == ImageSource.Synthetic).Select(i => i.PatientId).ToHashSet(StringComparer.Ordinal);
        var unitOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<int[]>();
        var sizes = new List<int>();
        foreach (var image in images)
        {
            if (image.Source == ImageSource.Synthetic || Kept(image)) continue;
            if (!unitOf.TryGetValue(image.PatientId, out int u))
            {
                unitOf[image.PatientId] = u = counts.Count;
                counts.Add(new int[vocabulary.Count]);
                sizes.Add(0);
            }
            sizes[u]++;
            foreach (string label in image.Labels) counts[u][vocabulary.IndexOf(label)]++;
        }
        var units = unitOf.Keys.Select(p => new StratificationUnit(counts[unitOf[p]], sizes[unitOf[p]],
            syntheticPatients.Contains(p) ? (int)Data.Split.Train : null)).ToList();

        double[] fractions = config.KeepTest
            ? [config.Train / (config.Train + config.Val), config.Val / (config.Train + config.Val)]
            : config.Fractions;
        int activeSplits = fractions.Count(f => f > 0);
        for (int l = 0; l < vocabulary.Count; l++)
        {
            int patients = units.Count(u => u.LabelCounts[l] > 0);
            if (patients > 0 && patients < activeSplits)
                warnings.Add($"label '{vocabulary.Names[l]}' has {patients} positive patient(s) to split, fewer than the {activeSplits} splits: it cannot be in every split");
        }

        int[] assignment = IterativeStratifier.Assign(units, fractions, SeedDerivation.CreateRandom(config.Seed, "data-split"));
        var resplit = images.Select(image => image.Source == ImageSource.Synthetic ? image with { Split = Data.Split.Train }
            : Kept(image) ? image
            : image with { Split = (Split)assignment[unitOf[image.PatientId]] }).ToList();
        var result = dataset.With(images: resplit);

        int[,] positivePatients = PositivePatients(result);
        for (int l = 0; l < vocabulary.Count; l++)
        {
            int patients = units.Count(u => u.LabelCounts[l] > 0);
            if (patients < activeSplits) continue;
            for (int j = 0; j < fractions.Length; j++)
                if (fractions[j] > 0 && positivePatients[j, l] == 0)
                    warnings.Add($"label '{vocabulary.Names[l]}' has no positives in {ManifestEnums.Format((Split)j)} although it has {patients} positive patients (they were placed with rarer labels)");
        }
        return new SplitResult(result, DatasetStats.Compute(result), positivePatients, warnings);
    }

    /// <summary>[split, label]: patients with at least one image of the label.</summary>
    public static int[,] PositivePatients(Dataset dataset)
    {
        var vocabulary = dataset.Vocabulary;
        var result = new int[3, vocabulary.Count];
        foreach (var group in dataset.Images.GroupBy(i => (i.Split, i.PatientId)))
            foreach (int l in group.SelectMany(i => i.Labels).Distinct().Select(vocabulary.IndexOf))
                result[(int)group.Key.Split, l]++;
        return result;
    }

    /// <summary>An official test split must be patient-disjoint from the rest, or keeping it would leak patients.</summary>
    static void CheckOfficialTest(IReadOnlyList<ImageRecord> images, string manifest)
    {
        var real = images.Select((image, row) => (image, row)).Where(x => x.image.Source == ImageSource.Real).ToList();
        if (!real.Any(x => x.image.Split == Data.Split.Test))
            throw new UserError($"{manifest}: --keep-test: the dataset has no test rows to keep; split without it");
        var testPatients = real.Where(x => x.image.Split == Data.Split.Test).Select(x => x.image.PatientId).ToHashSet(StringComparer.Ordinal);
        var issues = real.Where(x => x.image.Split != Data.Split.Test && testPatients.Contains(x.image.PatientId))
            .Select(x => new DataIssue(manifest, x.row + 2,
                $"patient '{x.image.PatientId}' has test rows and this {ManifestEnums.Format(x.image.Split)} row: the current test split is not patient-disjoint, so it cannot be kept (split without --keep-test)"))
            .ToList();
        if (issues.Count > 0) throw new DataError(issues);
    }

    /// <summary>The dataset rooted at <paramref name="folder"/>, with relative image paths rewritten to still reach the files.</summary>
    static Dataset Relocate(Dataset dataset, string folder)
    {
        string root = Path.GetFullPath(folder);
        var images = dataset.Images.Select(i => Path.IsPathRooted(i.Path) ? i
            : i with { Path = Path.GetRelativePath(root, dataset.FullPath(i)).Replace('\\', '/') }).ToList();
        return dataset.With(images: images, root: root);
    }

    static void WriteRecord(string path, SplitConfig config, DatasetStats stats)
    {
        var record = new
        {
            method = "patient-disjoint iterative stratification (Sechidis et al. 2011)",
            train = config.Train, val = config.Val, test = config.Test, seed = config.Seed, keep_test = config.KeepTest,
            splits = stats.Splits.Select(s => new { name = s.Name, images = s.Images, patients = s.Patients }),
        };
        AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }
}
