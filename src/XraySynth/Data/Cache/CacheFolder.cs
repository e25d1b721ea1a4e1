using System.Security.Cryptography;

namespace XraySynth.Data.Cache;

/// <summary>Where a dataset's prepared cache for one size lives: <c>DATASET/cache/&lt;size&gt;/</c>, and its files.</summary>
public sealed record CacheFolder(string Path, int Size)
{
    /// <summary>The packed pixels, <c>count × size × size</c> bytes.</summary>
    public const string ImagesFileName = "images.u8";
    /// <summary>The row index, <c>row,id</c>.</summary>
    public const string IndexFileName = "index.csv";
    /// <summary>The description, written last.</summary>
    public const string InfoFileName = "cache.json";

    /// <summary>The folder for <paramref name="dataset"/> at <paramref name="size"/> pixels.</summary>
    public static CacheFolder For(Dataset dataset, int size) =>
        new(System.IO.Path.Combine(dataset.Root, "cache", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), size);

    /// <summary>images.u8.</summary>
    public string ImagesPath => System.IO.Path.Combine(Path, ImagesFileName);
    /// <summary>index.csv.</summary>
    public string IndexPath => System.IO.Path.Combine(Path, IndexFileName);
    /// <summary>cache.json.</summary>
    public string InfoPath => System.IO.Path.Combine(Path, InfoFileName);

    /// <summary>SHA-256 (lowercase hex) of the dataset's manifest.csv.</summary>
    /// <exception cref="Common.UserError">manifest.csv does not exist (the dataset was never saved).</exception>
    public static string ManifestHash(Dataset dataset)
    {
        string manifest = System.IO.Path.Combine(dataset.Root, ManifestFile.FileName);
        if (!File.Exists(manifest)) throw new Common.UserError($"{manifest}: missing; save the dataset before preparing a cache");
        using var stream = File.OpenRead(manifest);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Why the cache cannot be used for <paramref name="dataset"/>, or null when it is complete and current.</summary>
    public string? Staleness(Dataset dataset, string manifestHash)
    {
        CacheInfo? info = CacheInfo.TryRead(InfoPath);
        if (info is null) return $"no prepared cache in {Path}";
        if (info.FormatVersion != CacheInfo.CurrentFormatVersion)
            return $"cache format {info.FormatVersion} in {Path}, this version reads {CacheInfo.CurrentFormatVersion}";
        if (info.Size != Size) return $"{InfoPath} says size {info.Size}, expected {Size}";
        if (info.ManifestSha256 != manifestHash) return $"manifest.csv changed since the cache in {Path} was built";
        if (info.Count != dataset.Images.Count) return $"cache holds {info.Count} images, the manifest {dataset.Images.Count}";
        var file = new FileInfo(ImagesPath);
        if (!file.Exists || file.Length != info.Count * info.ImageBytes)
            return $"{ImagesPath} is missing or has the wrong length (expected {info.Count * info.ImageBytes} bytes)";
        if (!File.Exists(IndexPath)) return $"{IndexPath} is missing";
        return null;
    }
}
