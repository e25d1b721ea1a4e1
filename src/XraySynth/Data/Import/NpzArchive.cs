using System.IO.Compression;

namespace XraySynth.Data.Import;

/// <summary>A NumPy .npz file: a zip archive (stored or deflated) of .npy arrays named <c>KEY.npy</c>.</summary>
public sealed class NpzArchive : IDisposable
{
    readonly ZipArchive zip;

    /// <summary>The file as named in messages.</summary>
    public string File { get; }

    /// <summary>The array names (entry names without .npy).</summary>
    public IReadOnlyList<string> Keys { get; }

    NpzArchive(string file, ZipArchive zip)
    {
        File = file; this.zip = zip;
        Keys = zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)).Select(e => e.FullName[..^4]).ToList();
    }

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <exception cref="DataError">Missing, or not a zip archive.</exception>
    public static NpzArchive Open(string path)
    {
        if (!System.IO.File.Exists(path)) throw new DataError(path, 0, "file not found");
        try { return new NpzArchive(path, ZipFile.OpenRead(path)); }
        catch (InvalidDataException e) { throw new DataError(path, 0, $"not an .npz (zip) archive: {e.Message}"); }
    }

    /// <summary>A reader positioned at the data of array <paramref name="key"/>.</summary>
    /// <exception cref="DataError">No such array, or a bad header or dtype.</exception>
    public NpyReader Array(string key)
    {
        var entry = zip.GetEntry(key + ".npy")
                    ?? throw new DataError(File, 0, $"missing array '{key}' (arrays present: {string.Join(", ", Keys)})");
        try { return new NpyReader(entry.Open(), $"{key}.npy"); }
        catch (InvalidDataException e) { throw new DataError(File, 0, e.Message); }
    }

    /// <inheritdoc />
    public void Dispose() => zip.Dispose();
}
