using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using XraySynth.Data.Images;
using XraySynth.Web.Diagnosis;
using XraySynth.Web.Safety;

namespace XraySynth.Web.Endpoints;

/// <summary>The diagnose page's API: diagnose an upload or a dataset image, the history, Grad-CAM overlays.</summary>
public static class DiagnoseEndpoints
{
    /// <summary>Name of the rate-limiting policy on diagnoses.</summary>
    public const string RatePolicy = "diagnose";

    /// <summary>Maps <c>/api/diagnose</c> and <c>/api/history</c>.</summary>
    public static void Map(WebApplication app, ViewerState state)
    {
        app.MapGet("/api/diagnose/status", () => Results.Json(new
        {
            enabled = state.Diagnoser is not null,
            classifier = state.Diagnoser?.ClassifierName,
            detector = state.Diagnoser?.DetectorName,
            labels = state.Diagnoser?.Labels ?? [],
            maxUploadBytes = state.Options.Uploads.MaxBytes,
        }));

        app.MapPost("/api/diagnose", async (HttpRequest request, CancellationToken cancel) =>
        {
            var diagnoser = state.RequireDiagnoser();
            var (name, image) = await ReadImage(request, state, cancel);
            var result = diagnoser.Diagnose(image);
            byte[] png = ImageCodec.EncodePng(image);
            var stored = state.History.Add(name, png, image.Width, image.Height, result, DateTimeOffset.UtcNow);
            return Results.Json(stored);
        }).RequireRateLimiting(RatePolicy).DisableAntiforgery();

        app.MapGet("/api/history", () => Results.Json(state.History.List()));

        app.MapGet("/api/history/item", (long? id) => Results.Json(Stored(state, id)));

        app.MapGet("/api/history/image", (long? id) =>
            ImageResponses.Png(state.History.Image(Stored(state, id).Id) ?? throw new NotFound($"diagnosis {id} has no image")));

        app.MapGet("/api/history/gradcam", (long? id, string? label) =>
        {
            var diagnoser = state.RequireDiagnoser();
            var stored = Stored(state, id);
            var image = ImageCodec.Decode(state.History.Image(stored.Id)!, $"diagnosis {stored.Id}");
            return ImageResponses.Png(diagnoser.GradCamOverlay(image, label ?? stored.Result.Findings[0].Label));
        }).RequireRateLimiting(RatePolicy);

        app.MapDelete("/api/history", (long? id) =>
        {
            var stored = Stored(state, id);
            state.History.Delete(stored.Id);
            return Results.Json(new { deleted = stored.Id });
        });
    }

    static StoredDiagnosis Stored(ViewerState state, long? id) =>
        id is { } value ? state.History.Get(value) ?? throw new NotFound($"no diagnosis {value} in the history")
                        : throw new Common.UserError("id: a diagnosis id is required");

    /// <summary>The image of a diagnose request: an uploaded file (field <c>image</c>) or a dataset image (fields <c>dataset</c>, <c>id</c>).</summary>
    static async Task<(string Name, GrayImage Image)> ReadImage(HttpRequest request, ViewerState state, CancellationToken cancel)
    {
        var limits = state.Options.Uploads;
        if (request.ContentLength > limits.MaxBytes + FormOverhead)
            throw UploadedImage.TooLarge("upload", request.ContentLength.Value, limits);
        if (!request.HasFormContentType) throw new Common.UserError("expected a multipart form with an 'image' file, or 'dataset' and 'id' fields");
        var form = await request.ReadFormAsync(cancel);
        if (form.Files.GetFile("image") is { } file)
        {
            string name = SafeName(file.FileName);
            if (file.Length > limits.MaxBytes) throw UploadedImage.TooLarge(name, file.Length, limits);
            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
                await stream.ReadExactlyAsync(bytes, cancel);
            return (name, UploadedImage.Decode(bytes, name, limits));
        }
        if (form.TryGetValue("id", out var id))
        {
            int? dataset = int.TryParse(form["dataset"], out int d) ? d : null;
            var (catalog, record) = DatasetEndpoints.Image(state, dataset, id.ToString());
            string file2 = catalog.SafeFile(record) ?? throw new NotFound($"image '{record.Id}': its file is missing");
            try { return (record.Id, UploadedImage.Fit(ImageCodec.Decode(file2), limits.StoredSide)); }
            catch (InvalidDataException e) { throw new NotFound($"image '{record.Id}' cannot be decoded: {e.Message}"); }
        }
        throw new Common.UserError("no image: upload a PNG or JPEG as 'image', or pick a dataset image ('dataset' and 'id')");
    }

    /// <summary>Bytes of multipart framing allowed on top of the file itself.</summary>
    public const long FormOverhead = 64 * 1024;

    /// <summary>An upload's file name reduced to a display name (no folders, no control characters, at most 100 characters).</summary>
    public static string SafeName(string? fileName)
    {
        string name = Path.GetFileName((fileName ?? "").Replace('\\', '/').Split('/')[^1]);
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length == 0) name = "upload";
        return name.Length > 100 ? name[..100] : name;
    }
}
