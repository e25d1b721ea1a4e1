using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Web.Catalog;

/// <summary>The dataset folders the viewer serves, loaded once at start.</summary>
public sealed class DatasetCatalog
{
    /// <summary>The datasets in the order given.</summary>
    public IReadOnlyList<CatalogDataset> Datasets { get; }

    DatasetCatalog(IReadOnlyList<CatalogDataset> datasets) => Datasets = datasets;

    /// <summary>Loads every folder of <paramref name="folders"/> (a bad folder is a <see cref="UserError"/> naming it).</summary>
    public static DatasetCatalog Load(IEnumerable<string> folders) =>
        new([.. folders.Select((folder, i) => new CatalogDataset(i, Dataset.Load(folder)))]);

    /// <summary>Dataset <paramref name="index"/>, or null.</summary>
    public CatalogDataset? Find(int index) => index >= 0 && index < Datasets.Count ? Datasets[index] : null;
}
