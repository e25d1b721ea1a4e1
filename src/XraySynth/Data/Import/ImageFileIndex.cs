namespace XraySynth.Data.Import;

/// <summary>
/// The image files present, by file name, from one directory enumeration per folder: a label file with
/// 112k rows is matched against it without a file-system call per row.
/// </summary>
public sealed class ImageFileIndex
{
    readonly Dictionary<string, string> byName = new(StringComparer.Ordinal);

    /// <summary>Names found in more than one folder (the first folder wins).</summary>
    public List<string> Duplicates { get; } = [];

    /// <summary>Number of image files indexed.</summary>
    public int Count => byName.Count;

    /// <summary>The folders indexed, in order.</summary>
    public List<string> Folders { get; } = [];

    /// <summary>Adds the image files directly inside <paramref name="folder"/> (not its subfolders).</summary>
    public void AddFolder(string folder)
    {
        Folders.Add(folder);
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            if (!ImageFileCheck.IsImage(file)) continue;
            if (!byName.TryAdd(Path.GetFileName(file), file)) Duplicates.Add(file);
        }
    }

    /// <summary>The full path of the image named <paramref name="name"/>, if present.</summary>
    public bool TryGet(string name, out string path) => byName.TryGetValue(name, out path!);
}
