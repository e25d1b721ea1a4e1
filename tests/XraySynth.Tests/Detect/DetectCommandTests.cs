using XraySynth.Data;
using XraySynth.Tests.Detect.Training;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Detect;

[Collection(GlobalRandomCollection.Name)]
public sealed class DetectCommandTests
{
    [Fact]
    public void Train_eval_predict_and_blend_run_end_to_end_on_a_tiny_phantom()
    {
        using var temp = new TempDirectory();
        DetectorTrainerTests.Phantom(temp.File("data"));
        File.WriteAllText(temp.File("c.yaml"), "detector:\n  image_size: 64\n  width: 8\n  pyramid_channels: 16\n  batch_size: 8\n");

        var (code, output, error) = CliHarness.Run("detect", "train", "--config", temp.File("c.yaml"), "--data", temp.File("data"), "--out", temp.File("runs"), "--epochs", "1", "--device", "cpu");
        Assert.True(code == 0, error);
        Assert.Contains("best validation mAP@0.5", output);
        string run = Directory.GetDirectories(temp.File("runs")).Single();

        (code, output, error) = CliHarness.Run("detect", "eval", "--run", run, "--bootstrap", "20", "--device", "cpu");
        Assert.True(code == 0, error);
        Assert.Contains("mean AP@0.5", output);
        foreach (string file in new[] { "predictions.csv", "metrics.csv", "metrics.md" }) Assert.True(File.Exists(Path.Combine(run, "eval-test", file)), file);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "eval-test", "overlays"), "*.png"));
        Assert.StartsWith("label,truth_boxes,ap50,ap50_lower,ap50_upper", File.ReadLines(Path.Combine(run, "eval-test", "metrics.csv")).First());
        Assert.Contains("95% CIs: percentile bootstrap over patients, 20 resamples, seed 0;", File.ReadAllText(Path.Combine(run, "eval-test", "metrics.md")));

        (code, _, error) = CliHarness.Run("detect", "eval", "--compare", run, run, "--bootstrap", "1000", "--ci", "bca", "--out", temp.File("cmp"), "--device", "cpu");
        Assert.True(code == 0, error);
        Assert.True(File.Exists(temp.File("cmp/comparison.csv")));
        Assert.Contains("paired 95% CIs (BCa (bias-corrected and accelerated", File.ReadAllText(temp.File("cmp/comparison.md")));

        (code, output, error) = CliHarness.Run("detect", "predict", "--run", run, "--data", temp.File("data"), "--split", "val", "--min-score", "0", "--out", temp.File("pred"), "--device", "cpu");
        Assert.True(code == 0, error);
        Assert.Equal(DetectorPredictionsColumns, File.ReadLines(temp.File("pred/predictions.csv")).First());

        (code, _, error) = CliHarness.Run("detect", "blend", "--data", temp.File("data"), "--out", temp.File("blend"), "--per-class", "2");
        Assert.True(code == 0, error);
        var blended = Dataset.Load(temp.File("blend"));
        Assert.Equal(Dataset.Load(temp.File("data")).Images.Count + 2 * blended.Images.Where(i => i.Source == ImageSource.Synthetic).Select(i => i.Labels[0]).Distinct().Count(),
            blended.Images.Count);
    }

    const string DetectorPredictionsColumns = "image_id,patient_id,label,score,x,y,w,h";
}
