using System.Text.RegularExpressions;
using XraySynth.Report;

namespace XraySynth.Tests.Experiments.Ablation;

/// <summary>What every ablation report must satisfy: links resolve, figures in PNG and SVG, self-contained HTML, compile-ready LaTeX, figures render in Chromium.</summary>
static class AblationReportChecks
{
    public static void Check(string folder)
    {
        string markdown = Path.Combine(folder, "report.md"), html = Path.Combine(folder, "report.html");
        Assert.True(File.Exists(markdown) && File.Exists(html), $"report.md and report.html in {folder}");
        Assert.Empty(ReportLinks.Unresolved(markdown));

        var pngs = Directory.GetFiles(Path.Combine(folder, "figures"), "*.png").Select(Path.GetFileNameWithoutExtension).Order().ToList();
        var svgs = Directory.GetFiles(Path.Combine(folder, "figures"), "*.svg").Select(Path.GetFileNameWithoutExtension).Order().ToList();
        Assert.Equal(pngs, svgs);
        foreach (string stem in new[] { "forest-auroc", "forest-auprc", "roc-best-arm", "samples-dcgan", "gan-curves-dcgan", "gan-progress-dcgan", "label-counts-dcgan-20", "label-counts-oversample" })
            Assert.Contains(stem, pngs);
        string md = File.ReadAllText(markdown);
        Assert.All(pngs, stem => Assert.Contains($"figures/{stem}.png", md));
        Assert.Matches(@"its 95% CI is the (percentile|BCa \(bias-corrected and accelerated[^)]*\)) interval of \d+ bootstrap resamples of test patients", md);

        string page = File.ReadAllText(html);
        Assert.DoesNotContain("http://", page);
        Assert.DoesNotContain("https://", page);
        Assert.DoesNotContain("file:", page);
        var sources = Regex.Matches(page, "<img[^>]*src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(pngs.Count, sources.Count);
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s));

        foreach (string tex in Directory.GetFiles(Path.Combine(folder, "tables"), "*.tex"))
        {
            string text = File.ReadAllText(tex);
            Assert.Equal(text.Count(c => c == '{') - Regex.Matches(text, @"\\\{").Count, text.Count(c => c == '}') - Regex.Matches(text, @"\\\}").Count);
            Assert.Contains(@"\toprule", text);
            Assert.Contains(@"\bottomrule", text);
            Assert.DoesNotMatch(@"(?<!\\)_", Regex.Replace(text, @"\\label\{[^}]*\}", ""));
        }

        if (HeadlessBrowser.FindChromium() is null) return; // CI installs chromium; without it the browser check is skipped
        string dom = HeadlessBrowser.DumpDom(html);
        var images = Regex.Matches(dom, "<img[^>]*>").Select(m => m.Value).ToList();
        Assert.Equal(pngs.Count, images.Count);
        Assert.All(images, tag => Assert.Contains("data-loaded=\"1\"", tag));
        string shot = Path.Combine(folder, "screenshot.png");
        HeadlessBrowser.Screenshot(html, shot, 1200, 2400);
        Assert.True(new FileInfo(shot).Length > 20_000, "the screenshot shows a rendered page");
    }
}
