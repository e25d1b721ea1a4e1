using System.Diagnostics;
using System.Globalization;
using Microsoft.Win32.SafeHandles;
using XraySynth.Common;
using XraySynth.Data.Images;

namespace XraySynth.Data.Cache;

/// <summary>
/// Builds a dataset's prepared cache: decodes every image (8-bit gray), pads non-square images with black to a
/// centered square, area-resizes to <c>size × size</c>, and packs them in manifest order into <c>images.u8</c>
/// beside <c>index.csv</c> and <c>cache.json</c>. An up-to-date cache is reused; one built from another
/// manifest.csv is rebuilt. Undecodable images are all collected and reported together.
/// </summary>
public static class CachePreparer
{
    /// <summary>Builds (or reuses) the cache of <paramref name="dataset"/> described by <paramref name="config"/>.</summary>
    /// <exception cref="DataError">Images that are missing or cannot be decoded (every one listed, with its manifest line).</exception>
    /// <exception cref="UserError">The dataset is empty or was never saved.</exception>
    public static PrepareResult Prepare(Dataset dataset, PrepareConfig config, IReporter reporter)
    {
        if (config.Validate().FirstOrDefault() is { Key: not null } problem)
            throw new UserError($"--{problem.Key} {problem.Message}");
        var clock = Stopwatch.StartNew();
        var folder = CacheFolder.For(dataset, config.Size);
        string hash = CacheFolder.ManifestHash(dataset);
        string? stale = folder.Staleness(dataset, hash);
        if (stale is null && !config.Force) return new PrepareResult(folder, dataset.Images.Count, false, clock.Elapsed);
        if (dataset.Images.Count == 0) throw new UserError($"{dataset.Root}: the manifest lists no images; nothing to prepare");
        reporter.Detail(stale is null ? $"rebuilding {folder.Path} (--force)" : $"building: {stale}");

        Directory.CreateDirectory(folder.Path);
        File.Delete(folder.InfoPath); // a crash from here on leaves no cache.json, so no reader trusts half a cache
        WriteImages(dataset, config, folder, reporter);
        Common.AtomicFile.WriteText(folder.IndexPath, w =>
        {
            w.Write("row,id\n");
            for (int row = 0; row < dataset.Images.Count; row++)
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{row},{Quote(dataset.Images[row].Id)}\n"));
        });
        new CacheInfo
        {
            Size = config.Size,
            Count = dataset.Images.Count,
            ManifestSha256 = hash,
            CreatedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }.Write(folder.InfoPath);
        return new PrepareResult(folder, dataset.Images.Count, true, clock.Elapsed);
    }

    /// <summary>
    /// One image as it is cached: non-square images are centered on a black square of their longer side,
    /// then area-resized to <paramref name="size"/> × <paramref name="size"/>.
    /// </summary>
    public static GrayImage ToCached(GrayImage image, int size) => AreaResize.Resize(PadToSquare(image), size, size);

    /// <summary><paramref name="image"/> centered on a black square of its longer side (itself when square).</summary>
    public static GrayImage PadToSquare(GrayImage image)
    {
        if (image.Width == image.Height) return image;
        int side = Math.Max(image.Width, image.Height);
        var square = new GrayImage(side, side);
        int left = (side - image.Width) / 2, top = (side - image.Height) / 2;
        for (int y = 0; y < image.Height; y++)
            image.Pixels.AsSpan(y * image.Width, image.Width).CopyTo(square.Pixels.AsSpan((top + y) * side + left));
        return square;
    }

    static void WriteImages(Dataset dataset, PrepareConfig config, CacheFolder folder, IReporter reporter)
    {
        int count = dataset.Images.Count;
        long imageBytes = (long)config.Size * config.Size;
        string manifestPath = Path.Combine(dataset.Root, ManifestFile.FileName);
        var issues = new DataIssue?[count];
        var progressGate = new object();
        Common.AtomicFile.WriteBinary(folder.ImagesPath, stream =>
        {
            var handle = ((FileStream)stream).SafeFileHandle;
            RandomAccess.SetLength(handle, count * imageBytes);
            using var progress = reporter.Start($"prepare {config.Size} px", count);
            var options = new ParallelOptions { MaxDegreeOfParallelism = config.EffectiveWorkers };
            Parallel.For(0, count, options, row =>
            {
                ImageRecord record = dataset.Images[row];
                try
                {
                    GrayImage cached = ToCached(ImageCodec.Decode(dataset.FullPath(record)), config.Size);
                    RandomAccess.Write(handle, cached.Pixels, row * imageBytes);
                }
                catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    // The manifest has a header line, and ManifestFile writes one record per line.
                    issues[row] = new DataIssue(manifestPath, row + 2, $"image '{record.Id}': {e.Message}");
                }
                lock (progressGate) progress.Advance();
            });
            // Thrown inside the write, so the temporary file is deleted and nothing is renamed into place.
            var bad = issues.OfType<DataIssue>().ToList();
            if (bad.Count > 0) throw new DataError(bad);
        });
    }

    static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
