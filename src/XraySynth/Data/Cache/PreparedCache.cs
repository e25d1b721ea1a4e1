using System.IO.MemoryMappedFiles;
using XraySynth.Common;

namespace XraySynth.Data.Cache;

/// <summary>
/// A prepared pixel cache opened for reading: every image of a dataset as <c>size × size</c> uint8 bytes,
/// row <c>i</c> = manifest row <c>i</c>, memory-mapped so random access costs no decode and no copy.
/// Safe to read from many threads at once. Build one with <see cref="CachePreparer"/>.
/// </summary>
public sealed unsafe class PreparedCache : IDisposable
{
    readonly MemoryMappedFile file;
    readonly MemoryMappedViewAccessor view;
    readonly byte* start;
    readonly Dictionary<string, int> rows;
    bool disposed;

    /// <summary>The dataset the cache belongs to (its manifest rows are the cache rows).</summary>
    public Dataset Dataset { get; }
    /// <summary>Where the files are.</summary>
    public CacheFolder Folder { get; }
    /// <summary>cache.json.</summary>
    public CacheInfo Info { get; }
    /// <summary>Number of images.</summary>
    public int Count => Info.Count;
    /// <summary>Side of the square images in pixels.</summary>
    public int Size => Info.Size;
    /// <summary>Bytes of one image (<c>Size * Size</c>).</summary>
    public int ImageBytes => Size * Size;

    PreparedCache(Dataset dataset, CacheFolder folder, CacheInfo info, Dictionary<string, int> rows)
    {
        Dataset = dataset; Folder = folder; Info = info; this.rows = rows;
        file = MemoryMappedFile.CreateFromFile(folder.ImagesPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        start = pointer + view.PointerOffset;
    }

    /// <summary>Opens the cache of <paramref name="dataset"/> at <paramref name="size"/> pixels.</summary>
    /// <exception cref="UserError">No cache, or it is stale (manifest.csv changed): the message says how to (re)build it.</exception>
    public static PreparedCache Open(Dataset dataset, int size)
    {
        var folder = CacheFolder.For(dataset, size);
        string hash = CacheFolder.ManifestHash(dataset);
        if (folder.Staleness(dataset, hash) is { } reason)
            throw new UserError($"{reason}; run 'xraysynth data prepare {dataset.Root} --size {size}'");
        var info = CacheInfo.TryRead(folder.InfoPath)!;
        var rows = ReadIndex(folder.IndexPath, dataset);
        return new PreparedCache(dataset, folder, info, rows);
    }

    /// <summary>The pixels of row <paramref name="row"/> (valid until the cache is disposed).</summary>
    public ReadOnlySpan<byte> Image(int row)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), $"row {row} of {Count}");
        return new ReadOnlySpan<byte>(start + (long)row * ImageBytes, ImageBytes);
    }

    /// <summary>Row <paramref name="row"/> as a new <see cref="Images.GrayImage"/>.</summary>
    public Images.GrayImage ToImage(int row) => new(Size, Size, Image(row).ToArray());

    /// <summary>Copies the images of <paramref name="rowsToCopy"/> one after another into <paramref name="destination"/>.</summary>
    public void Gather(ReadOnlySpan<int> rowsToCopy, Span<byte> destination)
    {
        if (destination.Length < (long)rowsToCopy.Length * ImageBytes)
            throw new ArgumentException($"destination holds {destination.Length} bytes, {rowsToCopy.Length} images need {rowsToCopy.Length * ImageBytes}", nameof(destination));
        for (int i = 0; i < rowsToCopy.Length; i++) Image(rowsToCopy[i]).CopyTo(destination.Slice(i * ImageBytes, ImageBytes));
    }

    /// <summary>The row of image <paramref name="id"/>, or -1.</summary>
    public int RowOf(string id) => rows.TryGetValue(id, out int row) ? row : -1;

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        file.Dispose();
    }

    static Dictionary<string, int> ReadIndex(string path, Dataset dataset)
    {
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var issues = new List<DataIssue>();
        using (var table = CsvTable.Open(path, ["row", "id"]))
        {
            while (table.Read())
            {
                string id = table.Get("id");
                if (!int.TryParse(table.Get("row"), System.Globalization.CultureInfo.InvariantCulture, out int row) ||
                    row < 0 || row >= dataset.Images.Count || dataset.Images[row].Id != id)
                    issues.Add(new DataIssue(path, table.Line, $"row '{table.Get("row")}' id '{id}' does not match the manifest; rebuild with --force"));
                else rows[id] = row;
            }
        }
        if (issues.Count == 0 && rows.Count != dataset.Images.Count)
            issues.Add(new DataIssue(path, 0, $"{rows.Count} rows, the manifest has {dataset.Images.Count}; rebuild with --force"));
        if (issues.Count > 0) throw new DataError(issues);
        return rows;
    }
}
