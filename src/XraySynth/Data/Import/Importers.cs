using XraySynth.Common;

namespace XraySynth.Data.Import;

/// <summary>The importers by KIND (nih, medmnist, folders).</summary>
public static class Importers
{
    /// <summary>Every importer, in help order.</summary>
    public static IReadOnlyList<IDatasetImporter> All { get; } = [new NihImporter(), new MedMnistImporter(), new FolderImporter()];

    /// <summary>The importer for <paramref name="kind"/>.</summary>
    /// <exception cref="UserError">Unknown kind (with the nearest name).</exception>
    public static IDatasetImporter Get(string kind) =>
        All.FirstOrDefault(i => i.Kind == kind)
        ?? throw new UserError($"unknown import kind '{kind}'{NameSuggester.Hint(kind, All.Select(i => i.Kind))}; expected {string.Join(", ", All.Select(i => i.Kind))}");
}
