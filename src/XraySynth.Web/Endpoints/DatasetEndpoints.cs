using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Web.Catalog;
using XraySynth.Web.Safety;

namespace XraySynth.Web.Endpoints;

/// <summary>The dataset browser's API: datasets with label counts, filtered image lists, images and their metadata.</summary>
public static class DatasetEndpoints
{
    /// <summary>Most images one list request returns.</summary>
    public const int MaxPage = 200;

    /// <summary>Maps <c>/api/datasets</c>, <c>/api/images</c>, <c>/api/image</c> and <c>/api/image/meta</c>.</summary>
    public static void Map(WebApplication app, ViewerState state)
    {
        app.MapGet("/api/datasets", () => Results.Json(state.Datasets.Datasets.Select(d => new
        {
            id = d.Index, name = d.Name, origin = d.Dataset.Info.Origin, license = d.Dataset.Info.License,
            labels = d.Dataset.Vocabulary.Names, images = d.Dataset.Images.Count, boxes = d.Dataset.Boxes.Count, counts = d.Counts(),
        })));

        app.MapGet("/api/images", (int? dataset, string? label, string? split, string? source, int? offset, int? limit) =>
        {
            var d = Dataset(state, dataset);
            var query = ImageQuery.Parse(label, split, source, d.Dataset.Vocabulary);
            var matching = d.Filter(query).ToList();
            int skip = Math.Max(0, offset ?? 0), take = Math.Clamp(limit ?? 60, 1, MaxPage);
            return Results.Json(new
            {
                dataset = d.Index, total = matching.Count, offset = skip,
                real = matching.Count(i => i.Source == ImageSource.Real), synthetic = matching.Count(i => i.Source == ImageSource.Synthetic),
                images = matching.Skip(skip).Take(take).Select(Summary),
            });
        });

        app.MapGet("/api/image", (int? dataset, string? id, string? size) =>
        {
            var (d, image) = Image(state, dataset, id);
            string file = d.SafeFile(image) ?? throw new NotFound($"image '{image.Id}': its file is missing");
            GrayImage pixels;
            try { pixels = ImageCodec.Decode(file); }
            catch (InvalidDataException e) { throw new NotFound($"image '{image.Id}' cannot be decoded: {e.Message.Replace(d.Dataset.Root, d.Name)}"); }
            return ImageResponses.Png(size == "thumb" ? UploadedImage.Fit(pixels, ImageResponses.ThumbnailSide) : pixels);
        });

        app.MapGet("/api/image/meta", (int? dataset, string? id) =>
        {
            var (d, image) = Image(state, dataset, id);
            return Results.Json(new
            {
                dataset = d.Index, datasetName = d.Name, summary = Summary(image),
                patient = image.PatientId, view = image.ViewPosition, age = image.Age, sex = image.Sex,
                width = image.Width, height = image.Height,
                provenance = image.Source == ImageSource.Synthetic
                    ? new { generatorHash = image.GeneratorHash, generatorSeed = image.GeneratorSeed, truncation = image.Truncation, file = image.Path, origin = d.FileOrigin(image) }
                    : null,
                boxes = d.Dataset.Boxes.Where(b => b.ImageId == image.Id).Select(b => new { label = b.Label, x = b.X, y = b.Y, w = b.W, h = b.H }),
            });
        });
    }

    static object Summary(ImageRecord image) => new
    {
        id = image.Id, split = ManifestEnums.Format(image.Split), source = ManifestEnums.Format(image.Source),
        labels = image.Labels.Count == 0 ? [LabelVocabulary.NoFinding] : image.Labels,
        generator = image.GeneratorHash is { Length: > 12 } hash ? hash[..12] : image.GeneratorHash,
    };

    static CatalogDataset Dataset(ViewerState state, int? index) =>
        state.Datasets.Find(index ?? 0) ?? throw new NotFound(state.Datasets.Datasets.Count == 0
            ? "no datasets are served: start the server with --dataset DIR"
            : $"dataset {index}: expected 0 to {state.Datasets.Datasets.Count - 1}");

    /// <summary>The dataset and image of a request, found by manifest id.</summary>
    public static (CatalogDataset Dataset, ImageRecord Image) Image(ViewerState state, int? dataset, string? id)
    {
        var d = Dataset(state, dataset);
        if (string.IsNullOrEmpty(id)) throw new Common.UserError("id: an image id is required");
        var image = d.Find(id) ?? throw new NotFound($"no image '{Shorten(id)}' in dataset {d.Name}");
        return (d, image);
    }

    static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}

/// <summary>A requested thing does not exist (answered 404 with the message).</summary>
/// <param name="message">What was not found.</param>
public sealed class NotFound(string message) : Common.UserError(message);
