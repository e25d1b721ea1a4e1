using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using XraySynth.Data.Images;
using XraySynth.Gan.Training;
using XraySynth.Web.Catalog;

namespace XraySynth.Web.Endpoints;

/// <summary>The GAN run viewer's API: runs, a run's sample grids over kimg, its curves, FID/KID and config.</summary>
public static class GanRunEndpoints
{
    /// <summary>Maps <c>/api/gan-runs</c>, <c>/api/gan-run</c> and <c>/api/gan-run/grid</c>.</summary>
    public static void Map(WebApplication app, ViewerState state)
    {
        app.MapGet("/api/gan-runs", () => Results.Json(new
        {
            root = state.GanRuns.Root,
            runs = state.GanRuns.Scan().Select(r => new { name = r.Name, grids = r.Grids().Count, kimg = r.Grids().Select(g => g.Kimg).DefaultIfEmpty().Max() }),
        }));

        app.MapGet("/api/gan-run", (string? name) =>
        {
            var run = Run(state, name);
            GanRunInfo? info = null;
            try { info = GanRunInfo.Read(Path.Combine(run.Folder, "run.json")); }
            catch (Exception e) when (e is Common.UserError or IOException or System.Text.Json.JsonException) { }
            return Results.Json(new
            {
                name = run.Name,
                labels = info?.Labels, seed = info?.Seed, dataset = info?.DatasetName, device = info?.Device, created = info?.CreatedUtc,
                grids = run.Grids().Select((g, i) => new { index = i, kimg = g.Kimg }),
                log = NumericTable.Read(Path.Combine(run.Folder, "log.csv")),
                quality = NumericTable.Read(Path.Combine(run.Folder, QualityTrack.FileName)),
                config = File.ReadAllText(Path.Combine(run.Folder, "config.yaml")),
            });
        });

        app.MapGet("/api/gan-run/grid", (string? name, int? index) =>
        {
            var run = Run(state, name);
            var grids = run.Grids();
            if (index is not { } i || i < 0 || i >= grids.Count) throw new NotFound($"run {run.Name} has no sample grid {index} (it has {grids.Count})");
            return ImageResponses.Png(ImageCodec.Decode(grids[i].Path));
        });
    }

    static GanRunEntry Run(ViewerState state, string? name)
    {
        if (string.IsNullOrEmpty(name)) throw new Common.UserError("name: a GAN run name is required");
        return state.GanRuns.Find(name) ?? throw new NotFound($"no GAN run '{(name.Length > 80 ? name[..80] : name)}' under the runs folder");
    }
}
