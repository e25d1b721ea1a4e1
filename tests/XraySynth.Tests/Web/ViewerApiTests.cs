using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Tests.TestSupport;
using XraySynth.Web;
using XraySynth.Web.Endpoints;
using static TorchSharp.torch;

namespace XraySynth.Tests.Web;

[Collection(GlobalRandomCollection.Name)]
public sealed partial class ViewerTests(ViewerFixture fixture) : IClassFixture<ViewerFixture>
{
    static async Task<WebServer> Start(WebServerOptions options) => await WebServer.StartAsync(options, CPU, TextWriter.Null);

    static HttpClient Client(WebServer server) => new() { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };

    static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{(int)response.StatusCode}: expected JSON, got {response.Content.Headers.ContentType}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    static async Task<string> Error(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await Json(response);
        Assert.Equal(expected, response.StatusCode);
        string message = body.GetProperty("error").GetString()!;
        Assert.DoesNotContain("   at ", message);   // a message, never a stack trace
        return message;
    }

    static MultipartFormDataContent Upload(byte[] bytes, string name, string type = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "image", name } };
    }

    static HttpRequestMessage Post(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(Guards.RequestHeader, "1");
        return request;
    }

    byte[] PhantomPng(int index = 0) => File.ReadAllBytes(fixture.Dataset.FullPath(fixture.Dataset.Images[index]));

    [Fact]
    public async Task The_browser_api_filters_by_label_split_and_source_and_counts_per_split()
    {
        await using var server = await Start(fixture.Options());
        using var client = Client(server);
        var datasets = await Json(await client.GetAsync("api/datasets"));
        var counts = datasets[0].GetProperty("counts");
        var dataset = fixture.Dataset;
        foreach (var split in counts.EnumerateArray())
        {
            var s = ManifestEnums.ParseSplit(split.GetProperty("split").GetString()!)!.Value;
            Assert.Equal(dataset.InSplit(s).Count(), split.GetProperty("images").GetInt32());
            foreach (string label in dataset.Vocabulary.Names)
                Assert.Equal(dataset.InSplit(s).Count(i => i.Labels.Contains(label)), split.GetProperty("labels").GetProperty(label).GetInt32());
        }
        string common = dataset.Vocabulary.Names.OrderByDescending(l => dataset.Images.Count(i => i.Has(l))).First();
        var page = await Json(await client.GetAsync($"api/images?dataset=0&label={Uri.EscapeDataString(common)}&split=train&limit=200"));
        var expected = dataset.Images.Where(i => i.Split == Split.Train && i.Has(common)).Select(i => i.Id).ToList();
        Assert.Equal(expected.Count, page.GetProperty("total").GetInt32());
        Assert.Equal(expected, page.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList());
        var synthetic = await Json(await client.GetAsync("api/images?dataset=0&source=synthetic"));
        Assert.Equal(4, synthetic.GetProperty("total").GetInt32());
        Assert.All(synthetic.GetProperty("images").EnumerateArray(), i => Assert.Equal("synthetic", i.GetProperty("source").GetString()));
        var id = synthetic.GetProperty("images")[0].GetProperty("id").GetString();
        var meta = await Json(await client.GetAsync($"api/image/meta?dataset=0&id={id}"));
        Assert.Equal(new string('a', 64), meta.GetProperty("provenance").GetProperty("generatorHash").GetString());
        Assert.Contains("Hernia", await Error(await client.GetAsync("api/images?label=Nope"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Images_are_decoded_and_reencoded_and_thumbnails_are_small()
    {
        await using var server = await Start(fixture.Options());
        using var client = Client(server);
        var record = fixture.Dataset.Images[1];
        var response = await client.GetAsync($"api/image?dataset=0&id={Uri.EscapeDataString(record.Id)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var served = ImageCodec.Decode(await response.Content.ReadAsByteArrayAsync(), "served");
        var original = ImageCodec.Decode(fixture.Dataset.FullPath(record));
        Assert.Equal(original.Pixels, served.Pixels);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task No_request_reaches_a_file_outside_the_served_folders()
    {
        await using var server = await Start(fixture.Options());
        using var client = Client(server);
        foreach (string id in new[] { "../outside.png", "../../../../etc/passwd", "/etc/passwd", "..%2F..%2Fetc%2Fpasswd" })
            Assert.Contains("no image", await Error(await client.GetAsync($"api/image?dataset=0&id={Uri.EscapeDataString(id)}"), HttpStatusCode.NotFound));
        // The manifest's own paths are the operator's (imports reference images where they lie): a row pointing one
        // level up is served, but only as that row, by its id.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/image?dataset=0&id={ViewerFixture.EscapingId}")).StatusCode);
        File.Move(fixture.Scratch("outside.png"), fixture.Scratch("moved.png"));
        try { Assert.Contains("its file is missing", await Error(await client.GetAsync($"api/image?dataset=0&id={ViewerFixture.EscapingId}"), HttpStatusCode.NotFound)); }
        finally { File.Move(fixture.Scratch("moved.png"), fixture.Scratch("outside.png")); }
        Assert.Contains("no GAN run", await Error(await client.GetAsync("api/gan-run?name=../data"), HttpStatusCode.NotFound));
        Assert.Contains("no GAN run", await Error(await client.GetAsync("api/gan-run/grid?name=%2Fetc&index=0"), HttpStatusCode.NotFound));
        using var raw = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/..%2F..%2F..%2Fetc%2Fpasswd"));
        var traversal = await client.SendAsync(raw);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        Assert.DoesNotContain("root:", await traversal.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/image?dataset=7&id=x")).StatusCode);
    }

    [Fact]
    public async Task Oversized_corrupt_and_non_image_uploads_are_refused_each_with_its_own_message()
    {
        var options = fixture.Options() with { Uploads = new XraySynth.Web.Safety.UploadLimits { MaxBytes = 16 * 1024 } };
        await using var server = await Start(options);
        using var client = Client(server);
        byte[] png = PhantomPng();
        var big = new byte[40 * 1024];
        png.CopyTo(big, 0);
        Assert.Contains("upload limit", await Error(await client.SendAsync(Post("api/diagnose", Upload(big, "big.png"))), HttpStatusCode.RequestEntityTooLarge));
        Assert.Contains("truncated or corrupt", await Error(await client.SendAsync(Post("api/diagnose", Upload(png[..(png.Length / 2)], "half.png"))), HttpStatusCode.BadRequest));
        Assert.Contains("not a PNG or JPEG", await Error(await client.SendAsync(Post("api/diagnose", Upload("<script>alert(1)</script>"u8.ToArray(), "x.png"))), HttpStatusCode.UnsupportedMediaType));
        byte[] gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        Assert.Contains("Gif image; PNG or JPEG expected", await Error(await client.SendAsync(Post("api/diagnose", Upload(gif, "x.gif", "image/gif"))), HttpStatusCode.UnsupportedMediaType));
        Assert.Contains("empty", await Error(await client.SendAsync(Post("api/diagnose", Upload([], "empty.png"))), HttpStatusCode.BadRequest));
        // Without the page's header a POST is refused (a cross-site form cannot add it).
        Assert.Contains(Guards.RequestHeader, await Error(await client.PostAsync("api/diagnose", Upload(png, "ok.png")), HttpStatusCode.Forbidden));
        Assert.Empty(server.State.History.List());
    }

    [Fact]
    public async Task A_diagnosis_gives_every_label_sorted_with_boxes_and_lands_in_the_history_until_deleted()
    {
        await using var server = await Start(fixture.Options());
        using var client = Client(server);
        var record = fixture.Dataset.Images.First(i => i.Split == Split.Test && i.Id != ViewerFixture.EscapingId);
        var stored = await Json(await client.SendAsync(Post("api/diagnose", Upload(File.ReadAllBytes(fixture.Dataset.FullPath(record)), "../../evil\u0001name.png"))));
        long id = stored.GetProperty("id").GetInt64();
        Assert.Equal("evilname.png", stored.GetProperty("imageName").GetString());
        var findings = stored.GetProperty("result").GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(fixture.Dataset.Vocabulary.Count, findings.Count);
        Assert.Equal(findings.OrderDescending(), findings);
        var boxes = stored.GetProperty("result").GetProperty("boxes").EnumerateArray().ToList();
        Assert.InRange(boxes.Count, 1, XraySynth.Web.Diagnosis.DetectorBoxes.MaxBoxes);
        Assert.All(boxes, b => Assert.Equal("detector", b.GetProperty("source").GetString()));

        // The stored image is served re-encoded, equal in pixels to the upload.
        var image = ImageCodec.Decode(await client.GetByteArrayAsync($"api/history/image?id={id}"), "stored");
        Assert.Equal(ImageCodec.Decode(fixture.Dataset.FullPath(record)).Pixels, image.Pixels);
        var cam = await client.GetAsync($"api/history/gradcam?id={id}&label={Uri.EscapeDataString(fixture.Dataset.Vocabulary.Names[0])}");
        Assert.Equal("image/png", cam.Content.Headers.ContentType?.MediaType);

        // A dataset image can be diagnosed by id (no upload).
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["dataset"] = "0", ["id"] = record.Id });
        var byId = await Json(await client.SendAsync(Post("api/diagnose", form)));
        Assert.Equal(record.Id, byId.GetProperty("imageName").GetString());
        Assert.Equal(stored.GetProperty("imageSha256").GetString(), byId.GetProperty("imageSha256").GetString());

        var history = await Json(await client.GetAsync("api/history"));
        Assert.Equal([byId.GetProperty("id").GetInt64(), id], history.EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList());
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"api/history?id={id}");
        delete.Headers.Add(Guards.RequestHeader, "1");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(delete)).StatusCode);
        Assert.Single((await Json(await client.GetAsync("api/history"))).EnumerateArray());
        var again = new HttpRequestMessage(HttpMethod.Delete, $"api/history?id={id}");
        again.Headers.Add(Guards.RequestHeader, "1");
        Assert.Contains($"no diagnosis {id}", await Error(await client.SendAsync(again), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Without_a_detector_the_box_is_the_grad_cam_region_of_the_top_finding()
    {
        await using var server = await Start(fixture.Options(detector: false));
        using var client = Client(server);
        var record = fixture.Dataset.Images.First(i => i.Labels.Count > 0 && i.Id != ViewerFixture.EscapingId);
        var stored = await Json(await client.SendAsync(Post("api/diagnose", Upload(File.ReadAllBytes(fixture.Dataset.FullPath(record)), "x.png"))));
        var result = stored.GetProperty("result");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("detector").ValueKind);
        string top = result.GetProperty("findings")[0].GetProperty("label").GetString()!;
        // Recompute independently: the CAM of the top label, thresholded around its peak, mapped back to image pixels.
        var image = ImageCodec.Decode(fixture.Dataset.FullPath(record));
        using var classifier = XraySynth.Classify.Evaluation.TrainedClassifier.Load(fixture.Classifier, CPU);
        var cached = XraySynth.Data.Cache.CachePreparer.ToCached(image, classifier.Config.ImageSize);
        using var x = XraySynth.Torch.PixelTensors.FromBytes(cached.Pixels, 1, cached.Height, cached.Width, CPU);
        using var cams = XraySynth.Classify.Explain.GradCam.Compute(classifier.Network, x, classifier.Info.Labels.ToList().IndexOf(top));
        var region = XraySynth.Web.Diagnosis.GradCamRegion.Find(XraySynth.Classify.Explain.GradCam.ToArray(cams, 0));
        var boxes = result.GetProperty("boxes").EnumerateArray().ToList();
        if (region is null) { Assert.Empty(boxes); return; }
        var box = Assert.Single(boxes);
        Assert.Equal("grad-cam region", box.GetProperty("source").GetString());
        Assert.Equal(top, box.GetProperty("label").GetString());
        var expected = XraySynth.Detect.Boxes.CacheGeometry.FromCache(region.Value, image.Width, image.Height, classifier.Config.ImageSize);
        Assert.Equal(expected.X0, box.GetProperty("x").GetDouble(), 6);
        Assert.Equal(expected.Width, box.GetProperty("w").GetDouble(), 6);
        Assert.Equal(expected.Y0, box.GetProperty("y").GetDouble(), 6);
        Assert.Equal(expected.Height, box.GetProperty("h").GetDouble(), 6);
    }

    [Fact]
    public async Task Diagnoses_are_rate_limited_per_client_and_foreign_host_names_are_refused()
    {
        await using var server = await Start(fixture.Options() with { DiagnosesPerMinute = 2 });
        using var client = Client(server);
        byte[] png = PhantomPng();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Post("api/diagnose", Upload(png, "1.png")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Post("api/diagnose", Upload(png, "2.png")))).StatusCode);
        Assert.Contains("too many requests", await Error(await client.SendAsync(Post("api/diagnose", Upload(png, "3.png"))), HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/datasets")).StatusCode);   // browsing has its own, larger budget

        using var rebinding = new HttpRequestMessage(HttpMethod.Get, "api/datasets");
        rebinding.Headers.Host = "attacker.example";
        Assert.Contains("attacker.example", await Error(await client.SendAsync(rebinding), HttpStatusCode.MisdirectedRequest));
    }

    [Fact]
    public async Task The_gan_run_viewer_lists_runs_with_grids_curves_and_config()
    {
        await using var server = await Start(fixture.Options());
        using var client = Client(server);
        var runs = await Json(await client.GetAsync("api/gan-runs"));
        var run = Assert.Single(runs.GetProperty("runs").EnumerateArray());
        string name = run.GetProperty("name").GetString()!;
        Assert.StartsWith("gan/", name);
        var detail = await Json(await client.GetAsync($"api/gan-run?name={Uri.EscapeDataString(name)}"));
        int grids = detail.GetProperty("grids").GetArrayLength();
        Assert.True(grids >= 2, $"expected sample grids over kimg, got {grids}");
        Assert.Contains("loss_d", detail.GetProperty("log").GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.True(detail.GetProperty("log").GetProperty("rows").GetArrayLength() > 0);
        Assert.Contains("gan:", detail.GetProperty("config").GetString());
        var grid = await client.GetAsync($"api/gan-run/grid?name={Uri.EscapeDataString(name)}&index={grids - 1}");
        Assert.Equal("image/png", grid.Content.Headers.ContentType?.MediaType);
        Assert.Contains("has no sample grid", await Error(await client.GetAsync($"api/gan-run/grid?name={Uri.EscapeDataString(name)}&index={grids}"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_page_and_its_assets_are_served_from_the_assembly()
    {
        await using var server = await Start(fixture.Options());
        using var client = Client(server);
        string html = await client.GetStringAsync("/");
        Assert.Contains("not for clinical use", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
        Assert.DoesNotContain("https://", html);
        string script = await client.GetStringAsync("/app.js");
        Assert.DoesNotContain("https://", script);
        Assert.DoesNotContain("innerHTML", script);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/XraySynth.Web.dll")).StatusCode);
    }
}
