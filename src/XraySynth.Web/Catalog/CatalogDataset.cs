using XraySynth.Data;

namespace XraySynth.Web.Catalog;

/// <summary>
/// One dataset folder served by the viewer. Images are found by manifest id only: a request's text never becomes a
/// path. The file is the one the manifest names (importers reference images where they lie, so that may be outside
/// the dataset folder: the manifest is the operator's own, a request only chooses among its rows).
/// </summary>
public sealed class CatalogDataset
{
    readonly Dictionary<string, ImageRecord> byId;

    /// <summary>Index in the catalog (the id used in URLs).</summary>
    public int Index { get; }

    /// <summary>The loaded dataset.</summary>
    public Dataset Dataset { get; }

    /// <summary>Its name (dataset.json).</summary>
    public string Name => Dataset.Info.Name;

    /// <summary>Wraps <paramref name="dataset"/> as catalog entry <paramref name="index"/>.</summary>
    public CatalogDataset(int index, Dataset dataset)
    {
        Index = index;
        Dataset = dataset;
        byId = new Dictionary<string, ImageRecord>(StringComparer.Ordinal);
        foreach (var image in dataset.Images) byId.TryAdd(image.Id, image);
    }

    /// <summary>The image with manifest id <paramref name="id"/>, or null.</summary>
    public ImageRecord? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The file the manifest names for <paramref name="image"/> when it exists, else null.</summary>
    public string? SafeFile(ImageRecord image)
    {
        string full = Path.GetFullPath(Dataset.FullPath(image));
        return File.Exists(full) ? full : null;
    }

    /// <summary>
    /// For an image whose file lies in another dataset folder (a balanced set references the sampled images where
    /// <c>gan sample</c> wrote them): that folder's dataset.json origin, e.g. "sampled from GAN run …"; else null.
    /// </summary>
    public string? FileOrigin(ImageRecord image)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(Dataset.FullPath(image)));
        for (int up = 0; folder is not null && up < 3; up++, folder = Path.GetDirectoryName(folder))
        {
            if (Path.GetFullPath(folder) == Path.GetFullPath(Dataset.Root)) return null;
            string info = Path.Combine(folder, Dataset.InfoFileName);
            if (!File.Exists(info)) continue;
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(info));
                return json.RootElement.TryGetProperty("origin", out var origin) ? origin.GetString() : null;
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException) { return null; }
        }
        return null;
    }

    /// <summary>Images matching <paramref name="query"/> in manifest order.</summary>
    public IEnumerable<ImageRecord> Filter(ImageQuery query) => Dataset.Images.Where(query.Matches);

    /// <summary>Per split (train, val, test) the number of images with each label, "No Finding", and in all.</summary>
    public IReadOnlyList<SplitCounts> Counts()
    {
        var result = new List<SplitCounts>();
        foreach (var split in new[] { Split.Train, Split.Val, Split.Test })
        {
            var images = Dataset.InSplit(split).ToList();
            var perLabel = Dataset.Vocabulary.Names.ToDictionary(l => l, l => images.Count(i => i.Has(l)), StringComparer.Ordinal);
            perLabel[LabelVocabulary.NoFinding] = images.Count(i => i.Labels.Count == 0);
            result.Add(new SplitCounts(ManifestEnums.Format(split), images.Count, images.Count(i => i.Source == ImageSource.Synthetic), perLabel));
        }
        return result;
    }
}

/// <summary>Image counts of one split.</summary>
/// <param name="Split">train, val or test.</param>
/// <param name="Images">Images in the split.</param>
/// <param name="Synthetic">Of which synthetic.</param>
/// <param name="Labels">Images per label (and "No Finding").</param>
public sealed record SplitCounts(string Split, int Images, int Synthetic, IReadOnlyDictionary<string, int> Labels);
