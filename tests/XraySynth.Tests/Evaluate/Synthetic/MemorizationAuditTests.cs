using System.Text.Json;
using XraySynth.Data;
using XraySynth.Evaluate.Features;
using XraySynth.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Evaluate.Synthetic;

public class MemorizationAuditTests
{
    static FeatureMatrix Stack(FeatureMatrix a, FeatureMatrix b) =>
        new(a.Values.Concat(b.Values).ToArray(), a.Rows + b.Rows, a.Dimension);

    [Fact]
    public void Planted_exact_copies_are_flagged_in_both_spaces_and_distinct_points_are_not()
    {
        _ = TorchFixture.Cpu;
        var train = FeatureSets.Gaussian(300, 16, seed: 1);
        var heldOut = FeatureSets.Gaussian(200, 16, seed: 2);
        int[] copied = [3, 50, 121, 250, 299];
        var distinct = FeatureSets.Gaussian(60, 16, seed: 3, scale: 1.5);                       // not copies: a little farther out
        var synthetic = Stack(train.Select(copied), distinct);
        // The same vectors stand in for pixels: shifted to be positive so their NCC unit vectors are well defined.
        static FeatureMatrix Unit(FeatureMatrix m) => NormalizedCrossCorrelation.UnitVectors(m.Values.Select(v => (byte)Math.Clamp(128 + 30 * v, 0, 255)).ToArray(), m.Dimension);
        var findings = MemorizationAudit.Measure(train, heldOut, synthetic, Unit(train), Unit(heldOut), Unit(synthetic), "test", new MemorizationOptions(), CPU);

        Assert.Equal(Enumerable.Range(0, copied.Length), Enumerable.Range(0, synthetic.Rows).Where(i => findings.Flagged[i]));
        Assert.Equal(Enumerable.Range(0, copied.Length), Enumerable.Range(0, synthetic.Rows).Where(i => findings.PixelFlagged[i]));
        Assert.Equal(copied, findings.SyntheticNearest.Take(copied.Length));
        Assert.All(findings.SyntheticNcc.Take(copied.Length), c => Assert.True(c > 0.999));
        Assert.True(findings.Threshold > 0);
        Assert.StartsWith("Memorization suspected: 5 of 65 synthetic images", findings.Verdict);
    }

    [Fact]
    public void The_verdict_accepts_about_the_calibration_quantile_and_rejects_more()
    {
        var options = new MemorizationOptions { Quantile = 0.01 };
        Assert.StartsWith("No evidence of memorization: 1 of 100", MemorizationAudit.Verdict("pixels-32", 1, 0, 100, 50, options));
        Assert.StartsWith("No evidence", MemorizationAudit.Verdict("pixels-32", 0, 0, 100, 50, options));
        Assert.StartsWith("Memorization suspected", MemorizationAudit.Verdict("pixels-32", 0, 8, 100, 50, options));
    }

    [Fact]
    public void Binomial_tail_matches_a_direct_sum_and_resolves_tiny_probabilities()
    {
        static double Direct(int k, int n, double q) =>
            Enumerable.Range(k, n - k + 1).Sum(i => MathNet.Numerics.SpecialFunctions.Binomial(n, i) * Math.Pow(q, i) * Math.Pow(1 - q, n - i));
        foreach (var (k, n) in new[] { (1, 100), (3, 100), (8, 100), (0, 10), (40, 50) })
            Assert.Equal(Direct(k, n, 0.01), MemorizationAudit.TailProbability(k, n, 0.01), 1e-12);
        double tiny = Direct(60, 400, 0.01);                                                  // ≈ 1e-50: 1 − CDF would give 0
        Assert.InRange(tiny, 1e-60, 1e-40);
        Assert.Equal(1, MemorizationAudit.TailProbability(60, 400, 0.01) / tiny, 1e-9);
    }

    [Fact]
    public void Eval_memorization_on_a_phantom_flags_copied_training_images_and_writes_its_files()
    {
        using var temp = new TempDirectory();
        var real = PhantomSets.Real(temp.File("real"), count: 150);
        var train = real.InSplit(Split.Train).ToList();
        var other = PhantomSets.Real(temp.File("other"), count: 40, seed: 77);                // new patients: distinct images
        var copies = train.Where((_, i) => i % 20 == 0).ToList();
        var synthetic = PhantomSets.Synthetic(temp.File("copies"), real, copies);
        var rows = synthetic.Images.Concat(PhantomSets.Synthetic(temp.File("distinct"), other, other.Images, prefix: "new-").Images).ToList();
        synthetic.With(images: rows).Save();

        var (code, output, error) = CliHarness.Run("eval", "memorization", "--real", temp.File("real"), "--synthetic", temp.File("copies"),
            "--features", "pixels-16", "--pixel-size", "32", "--out", temp.File("out"), "--device", "cpu");
        Assert.True(code == 0, error + output);
        Assert.Contains("Memorization suspected", output);
        foreach (string file in new[] { "memorization.json", "memorization.md", "memorization.png", "closest-pairs.png" }) Assert.True(File.Exists(temp.File("out/" + file)), file);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("out/memorization.json")));
        var root = json.RootElement;
        Assert.Equal(["features", "threshold", "flagged", "total", "pixelFlagged", "verdict"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(copies.Count + other.Images.Count, root.GetProperty("total").GetInt32());
        // Every copy is flagged; new patients only at the calibration rate (with ~45 held-out images the 1% quantile is
        // about their minimum, so each new image has a ~2% chance).
        Assert.InRange(root.GetProperty("flagged").GetInt32(), copies.Count, copies.Count + 2);
        Assert.InRange(root.GetProperty("pixelFlagged").GetInt32(), copies.Count, copies.Count + 2);
        string md = File.ReadAllText(temp.File("out/memorization.md"));
        foreach (var copy in copies) Assert.Contains($"| syn-{copy.Id} | {copy.Id} | 0.0000 | yes |", md);
    }
}
