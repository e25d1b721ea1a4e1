using System.Text.Json;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Evaluate.Features;
using XraySynth.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Evaluate.Synthetic;

public class SyntheticQualityTests
{
    static readonly QualityOptions Fast = new() { KidSubsets = 5, KidSubsetSize = 50 };

    [Fact]
    public void A_phantom_set_against_itself_scores_perfectly_and_shuffled_pixels_score_far_worse_than_the_floor()
    {
        _ = TorchFixture.Cpu;
        using var temp = new TempDirectory();
        var real = PhantomSets.Real(temp.File("real"));
        var train = real.InSplit(Split.Train).ToList();
        var shuffled = PhantomSets.Synthetic(temp.File("shuffled"), real, train, shufflePixels: true);
        using var pixels = new PixelFeatures(16);
        var sets = QualitySets.Of(real, shuffled);
        var trainFeatures = FeatureExtractors.Extract(pixels, real, sets.Train, NullReporter.Instance);
        var heldOut = FeatureExtractors.Extract(pixels, real, sets.HeldOut, NullReporter.Instance);
        var noise = FeatureExtractors.Extract(pixels, shuffled, sets.Synthetic, NullReporter.Instance);

        var self = SyntheticQuality.Compare(null, trainFeatures, trainFeatures, heldOut, Fast, CPU);
        Assert.True(self.Fid < 1e-6, $"FID of a set with itself {self.Fid}");
        Assert.Equal((1.0, 1.0, 1.0), (self.Precision, self.Recall, self.Coverage));
        Assert.True(self.FidFloor > self.Fid && double.IsFinite(self.FidFloor));

        var worse = SyntheticQuality.Compare(null, trainFeatures, noise, heldOut, Fast, CPU);
        Assert.True(worse.Fid > 10 * worse.FidFloor, $"shuffled FID {worse.Fid} vs floor {worse.FidFloor}");
        Assert.True(worse.KidMean > 10 * Math.Abs(worse.KidFloor), $"shuffled KID {worse.KidMean} vs floor {worse.KidFloor}");
        Assert.Equal(0.0, worse.Precision);
        Assert.True(worse.PrecisionFloor > 0.5);
    }

    [Fact]
    public void Eval_synthetic_writes_quality_json_in_the_documented_shape()
    {
        using var temp = new TempDirectory();
        var real = PhantomSets.Real(temp.File("real"));
        PhantomSets.Synthetic(temp.File("synthetic"), real, real.Images.Where(i => i.Labels.Count > 0));
        var (code, output, error) = CliHarness.Run("eval", "synthetic", "--real", temp.File("real"), "--synthetic", temp.File("synthetic"),
            "--features", "pixels-16", "--out", temp.File("out"), "--kid-subsets", "3", "--kid-subset-size", "20", "--device", "cpu");
        Assert.True(code == 0, error + output);
        foreach (string file in new[] { "quality.json", "quality.md", "quality.csv", "quality.png" }) Assert.True(File.Exists(temp.File("out/" + file)), file);

        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("out/quality.json")));
        var root = json.RootElement;
        Assert.Equal(["features", "real", "synthetic", "overall", "perLabel"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pixels-16", root.GetProperty("features").GetString());
        string[] fields = ["count", "fid", "fidFloor", "kidMean", "kidSd", "kidFloor", "precision", "recall", "density", "coverage",
                           "precisionFloor", "recallFloor", "densityFloor", "coverageFloor"];
        Assert.Equal(fields, root.GetProperty("overall").EnumerateObject().Select(p => p.Name));
        var perLabel = root.GetProperty("perLabel").EnumerateArray().ToList();
        Assert.NotEmpty(perLabel);
        Assert.All(perLabel, row => Assert.Equal(new[] { "label" }.Concat(fields), row.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(perLabel, row => row.GetProperty("label").GetString() == "Cardiomegaly");
        Assert.True(root.GetProperty("overall").GetProperty("fid").GetDouble() >= 0);
        Assert.StartsWith("label,count,fid,fidFloor", File.ReadAllText(temp.File("out/quality.csv")));
    }

    [Fact]
    public void Undefined_metrics_are_null_in_json_and_empty_in_csv()
    {
        var row = new QualityRow("Hernia", 1, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
            double.NaN, double.NaN, double.NaN, double.NaN);
        var report = new QualityReport("pixels-32", "real", "synthetic", row with { Label = null, Fid = 2.5 }, [row], [new LabelFidelity("Hernia", 0.75, double.NaN, 3, 4)]);
        using var json = JsonDocument.Parse(QualityFiles.Json(report));
        Assert.Equal(2.5, json.RootElement.GetProperty("overall").GetProperty("fid").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("perLabel")[0].GetProperty("fid").ValueKind);
        var fidelity = json.RootElement.GetProperty("labelFidelity")[0];
        Assert.Equal(["label", "syntheticAuroc", "realTestAuroc"], fidelity.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, fidelity.GetProperty("realTestAuroc").ValueKind);
        Assert.Contains("Hernia,1,,,", QualityFiles.Csv(report));
    }

    [Fact]
    public void A_synthetic_label_the_real_dataset_lacks_is_a_user_error()
    {
        using var temp = new TempDirectory();
        var real = PhantomSets.Real(temp.File("real"), count: 30);
        var images = real.Images.Where(i => i.Labels.Count > 0).Take(3).Select(i => i with { Labels = ["Unicorn"] }).ToList();
        var synthetic = new Dataset(temp.File("synthetic"), new DatasetInfo { Name = "odd", Labels = ["Unicorn"] }, images, []);
        var error = Assert.Throws<UserError>(() => QualitySets.Of(real, synthetic));
        Assert.Contains("Unicorn", error.Message);
    }
}
