using XraySynth.Data.Cache;
using XraySynth.Data.Images;

namespace XraySynth.Data.Checks;

/// <summary>
/// Every image file exists and its size matches the manifest's width and height: read from the header, or with
/// <see cref="CheckOptions.Decode"/> by decoding the whole image (which also finds truncated files). With
/// <see cref="CheckOptions.CachedSize"/> and an up-to-date cache of that size, missing files are one warning.
/// </summary>
public sealed class ImageFilesCheck : IDatasetCheck
{
    /// <inheritdoc />
    public string Name => "image-files";

    /// <inheritdoc />
    public IEnumerable<CheckProblem> Run(CheckContext context)
    {
        var images = context.Dataset.Images;
        var problems = new List<CheckProblem>();
        string? cache = UpToDateCache(context);
        var missing = new List<string>();
        using var progress = context.Reporter.Start(context.Options.Decode ? "decoding images" : "reading image headers", images.Count);
        for (int row = 0; row < images.Count; row++)
        {
            var image = images[row];
            string path = context.Dataset.FullPath(image);
            if (cache is not null && !File.Exists(path))
            {
                missing.Add(image.Path);
                progress.Advance();
                continue;
            }
            string? problem = Inspect(path, image, context.Options.Decode);
            if (problem is not null)
                problems.Add(new CheckProblem(CheckSeverity.Error, Name, context.ManifestPath, CheckContext.Line(row), $"image '{image.Id}': {problem}"));
            progress.Advance();
        }
        if (missing.Count > 0)
            problems.Add(new CheckProblem(CheckSeverity.Warning, Name, context.ManifestPath, 0,
                $"{missing.Count} of {images.Count} image files are not on disk (e.g. {string.Join(", ", missing.Take(3))}); " +
                $"the pixels come from the prepared cache {cache}, which is up to date with manifest.csv"));
        return problems;
    }

    /// <summary>The folder of the up-to-date cache named by <see cref="CheckOptions.CachedSize"/>, or null.</summary>
    static string? UpToDateCache(CheckContext context)
    {
        if (context.Options.CachedSize is not { } size || context.Dataset.Images.Count == 0) return null;
        var folder = CacheFolder.For(context.Dataset, size);
        return folder.Staleness(context.Dataset, CacheFolder.ManifestHash(context.Dataset)) is null ? folder.Path : null;
    }

    /// <summary>What is wrong with the file of <paramref name="image"/>, or null.</summary>
    static string? Inspect(string path, ImageRecord image, bool decode)
    {
        if (!File.Exists(path)) return $"file {image.Path} not found ({path})";
        int width, height;
        try
        {
            if (decode)
            {
                var pixels = ImageCodec.Decode(path);
                (width, height) = (pixels.Width, pixels.Height);
            }
            else (width, height) = ImageCodec.ReadSize(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return $"cannot {(decode ? "decode" : "read the header of")} {image.Path}: {e.Message}";
        }
        if (width != image.Width || height != image.Height)
            return $"{image.Path} is {width}x{height} pixels but the manifest says {image.Width}x{image.Height}";
        return null;
    }
}
