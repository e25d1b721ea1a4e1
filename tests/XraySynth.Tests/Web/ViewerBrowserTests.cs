using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Tests.TestSupport;
using XraySynth.Tests.TestSupport.Browser;

namespace XraySynth.Tests.Web;

public sealed partial class ViewerTests
{
    /// <summary>Where the end-to-end test leaves its screenshots (kept after the run for a person to look at).</summary>
    static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumFact]
    public async Task In_a_real_browser_filter_by_label_then_upload_a_phantom_image_and_see_three_findings_and_a_box()
    {
        await using var server = await Start(fixture.Options());
        await using var browser = await ChromiumBrowser.LaunchAsync();
        var page = browser.Page;
        string root = server.Address.ToString();
        var dataset = fixture.Dataset;
        string label = dataset.Vocabulary.Names.OrderByDescending(l => dataset.Images.Count(i => i.Has(l))).First();

        // Dataset browser: filter by a label; every card shown carries it, and as many as the manifest has.
        await page.NavigateAsync(root + "#/browse");
        await page.WaitForAsync("document.querySelectorAll('.thumb').length > 0");
        Assert.Contains("not for clinical use", await page.TextAsync("#banner"), StringComparison.OrdinalIgnoreCase);
        await page.SelectAsync("#f-label", label);
        int expected = dataset.Images.Count(i => i.Has(label));
        await page.WaitForAsync($"document.querySelector('#browse-summary').textContent.startsWith('{expected} images match')");
        var shownLabels = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('.thumb .labels')].map(e => e.textContent)");
        Assert.Equal(Math.Min(expected, 48), shownLabels.Length);
        Assert.All(shownLabels, text => Assert.Contains(label, text));
        await page.WaitForAsync("[...document.querySelectorAll('.thumb img')].every(i => i.complete && i.naturalWidth > 0)");
        await page.ScreenshotAsync(Path.Combine(ScreenshotFolder, "viewer-browse.png"));

        // Diagnose: upload a phantom test image through the file input, as a person would.
        var record = dataset.Images.First(i => i.Split == Split.Test && i.Labels.Count > 0 && i.Id != ViewerFixture.EscapingId);
        await page.NavigateAsync(root + "#/diagnose");
        await page.WaitForAsync("!document.querySelector('#d-form').hidden && document.querySelector('#d-models').textContent.includes('Classifier run')");
        await page.SetFileInputAsync("#d-file", dataset.FullPath(record));
        await page.ClickAsync("#d-submit");
        await page.WaitForAsync("document.querySelectorAll('#findings li.finding').length === 3 && document.querySelectorAll('#d-boxes rect').length > 0");
        await page.WaitForAsync("document.querySelector('#d-image').complete && document.querySelector('#d-image').naturalWidth > 0");
        var findings = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#findings li.finding')].map(e => e.dataset.label)");
        Assert.Equal(3, findings.Distinct().Count());
        Assert.All(findings, f => Assert.Contains(f, dataset.Vocabulary.Names));
        var box = await page.EvaluateAsync<double[]>("(() => { const r = document.querySelector('#d-boxes rect'); return ['x','y','width','height'].map(a => +r.getAttribute(a)); })()");
        var image = ImageCodec.Decode(dataset.FullPath(record));
        Assert.True(box[2] > 0 && box[3] > 0 && box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= image.Width + 1e-6 && box[1] + box[3] <= image.Height + 1e-6,
            $"box [{string.Join(", ", box)}] is not inside the {image.Width}×{image.Height} image");
        await page.ClickAsync("#d-all");
        await page.WaitForAsync($"document.querySelectorAll('#findings li.finding').length === {dataset.Vocabulary.Count}");
        await page.ClickAsync("#d-cam");
        await page.WaitForAsync("document.querySelector('#d-cam-image').complete && document.querySelector('#d-cam-image').naturalWidth > 0");
        var shot = await page.ScreenshotAsync(Path.Combine(ScreenshotFolder, "viewer-diagnose.png"));
        Assert.True(ImageCodec.Decode(shot, "screenshot").Width >= 1000);

        // History: the diagnosis is listed, and deleting it empties the list.
        await page.NavigateAsync(root + "#/history");
        await page.WaitForAsync("document.querySelectorAll('#history tbody tr[data-id]').length === 1");
        Assert.Contains(Path.GetFileName(dataset.FullPath(record)), await page.TextAsync("#history tbody tr[data-id]"));
        await page.ScreenshotAsync(Path.Combine(ScreenshotFolder, "viewer-history.png"));
        await page.ClickAsync("#history button.delete");
        await page.WaitForAsync("document.querySelectorAll('#history tbody tr[data-id]').length === 0");
        Assert.Empty(server.State.History.List());

        // The GAN run viewer shows the run's grid and curves.
        await page.NavigateAsync(root + "#/gan");
        await page.WaitForAsync("document.querySelector('#g-grid').complete && document.querySelector('#g-grid').naturalWidth > 0 && document.querySelectorAll('#g-curves svg').length > 0");
        await page.ScreenshotAsync(Path.Combine(ScreenshotFolder, "viewer-gan.png"));

        Assert.Empty(page.Errors);
    }

    [ChromiumFact]
    public async Task The_browser_driver_reports_page_exceptions_and_times_out_with_what_it_waited_for()
    {
        int processId;
        await using (var browser = await ChromiumBrowser.LaunchAsync(640, 480))
        {
            processId = browser.ProcessId;
            var page = browser.Page;
            await page.NavigateAsync("about:blank");
            Assert.Equal(42, await page.EvaluateAsync<int>("Promise.resolve(40 + 2)"));
            var thrown = await Assert.ThrowsAsync<JavaScriptException>(() => page.EvaluateAsync<int>("(() => { throw new Error('boom'); })()"));
            Assert.Contains("boom", thrown.Message);
            await page.RunAsync("setTimeout(() => { throw new Error('late failure'); }, 0)");
            await page.WaitForAsync("true");
            await Task.Delay(300);
            Assert.Contains(page.Errors, e => e.Contains("late failure"));
            var timeout = await Assert.ThrowsAsync<TimeoutException>(() => page.WaitForAsync("window.neverSet === 1", TimeSpan.FromMilliseconds(300)));
            Assert.Contains("window.neverSet === 1", timeout.Message);
            await Assert.ThrowsAsync<JavaScriptException>(() => page.ClickAsync("#missing"));
        }
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(processId));   // gone: disposing ends the browser
    }
}
