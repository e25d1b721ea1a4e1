using XraySynth.Evaluate.Detection;
using XraySynth.Experiments.Ablation;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

/// <summary>Detection arms run through ablate into the summary and the report.</summary>
[Collection(GlobalRandomCollection.Name)]
public sealed class AblationDetectionTests
{
    [Fact]
    public void Detection_arms_train_detectors_per_seed_and_their_gains_reach_the_report()
    {
        TorchFixture.Cpu.Reseed(0);
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("d.yaml"), $"""
            ablation:
              name: det
              data: {temp.Path}/phantom
              out: {temp.Path}/runs
              seeds: [1, 2]
              bootstrap: 100
              rare_prevalence: 0.1
              detection_arms:
                - name: real-only
                - name: lesion-paste
                  augmentation: lesion-paste
                  per_class: 10
            classifier:
              image_size: 32
              epochs: 1
              workers: 1
            detector:
              image_size: 64
              epochs: 1
              width: 8
              pyramid_channels: 8
              batch_size: 16
            phantom:
              count: 120
              size: 64
              seed: 5
            """);
        var (code, output, error) = CliHarness.Run("ablate", "--config", temp.File("d.yaml"), "--device", "cpu", "--report", temp.File("report"));
        Assert.True(code == 0, output + error);

        var run = AblationRun.Open(temp.File("runs/det"));
        Assert.Equal(4, run.Plan.DetectionCells.Count);
        var paste = run.Result("detect-lesion-paste-s1")!;
        var blended = XraySynth.Data.Dataset.Load(run.Absolute(paste.Outputs["dataset"]));
        Assert.Contains(blended.Images, i => i.Source == XraySynth.Data.ImageSource.Synthetic && i.Split == XraySynth.Data.Split.Train);

        // Each cell's scores are those of its stored detections, recomputed independently with AveragePrecision.Compute.
        foreach (var cell in run.Plan.DetectionCells)
        {
            var result = run.Result(cell.Id)!;
            var file = DetectionFile.Read(run.Absolute(result.Outputs["detections"]));
            for (int c = 0; c < file.Classes.Count; c++)
                Assert.Equal(AveragePrecision.Compute(file.Images, c), result.Detection![c].Ap50, 12);
        }
        var summary = DetectionSummary.Compute(run);
        var mean = summary.Single(r => r.Arm == "lesion-paste" && r.Label == "mean");
        Assert.Equal(2, mean.Seeds);
        Assert.NotNull(mean.Ap50Gain);
        var cardiomegaly = summary.Single(r => r.Arm == "lesion-paste" && r.Label == "Cardiomegaly");
        Assert.Equal(new[] { 1L, 2L }.Average(s => run.Result(AblationPlan.DetectId("lesion-paste", s))!.Detection!.Single(d => d.Label == "Cardiomegaly").Ap50),
            cardiomegaly.Ap50Mean, 12);
        Assert.Null(summary.First(r => r.Arm == "real-only").Ap50Gain);

        string report = File.ReadAllText(temp.File("report/report.md"));
        Assert.Contains("Detection: per-class AP@0.5 and FROC gain over real-only", report);
        Assert.True(File.Exists(temp.File("report/figures/forest-detection-ap50.svg")));
        Assert.True(File.Exists(temp.File("report/tables/detection-gain.tex")));
        Assert.Empty(XraySynth.Report.ReportLinks.Unresolved(temp.File("report/report.md")));
    }
}
