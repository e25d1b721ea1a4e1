using XraySynth.Data;
using XraySynth.Evaluate.Detection;
using XraySynth.Experiments.Ablation;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

/// <summary>The lesion-patch GAN arm and the pseudo-box arm run through ablate into the summary and the report.</summary>
[Collection(GlobalRandomCollection.Name)]
public sealed class AblationSyntheticDetectionTests
{
    const string TinyDcgan = "{kind: dcgan, kimg: 0.048, batch_size: 8, snapshot_kimg: 0.024, sample_kimg: 0.024, log_every_steps: 2, grid_columns: 2, " +
                             "dcgan: {resolution: 32, latent_size: 8, generator_features: 4, discriminator_features: 4, label_embedding: 4}}";

    [Fact]
    public void Patch_gan_and_pseudo_box_arms_train_their_data_and_detectors_and_reach_the_report()
    {
        TorchFixture.Cpu.Reseed(0);
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("d.yaml"), $"""
            ablation:
              name: syn
              data: {temp.Path}/phantom
              out: {temp.Path}/runs
              seeds: [1]
              bootstrap: 100
              rare_prevalence: 0.1
              synthetic_per_label: 4
              generators:
                - name: dcgan
                  gan: {TinyDcgan}
              detection_arms:
                - name: real-only
                - name: patch-gan
                  augmentation: patch-gan
                  per_class: 4
                  patch_gan: {TinyDcgan}
                - name: pseudo-boxes
                  augmentation: pseudo-boxes
                  generator: dcgan
                  per_class: 6
                  pseudo_min_score: 0
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
              count: 100
              size: 64
              seed: 5
            """);
        var (code, output, error) = CliHarness.Run("ablate", "--config", temp.File("d.yaml"), "--device", "cpu", "--report", temp.File("report"));
        Assert.True(code == 0, output + error);

        var run = AblationRun.Open(temp.File("runs/syn"));
        Assert.Equal(3, run.Plan.DetectionCells.Count);
        var real = Dataset.Load(run.Absolute(run.Result(AblationPlan.DataJobId)!.Outputs["dataset"]));

        // patch-gan: a GAN on crops around the real training boxes, its patches blended in with their boxes.
        var patchGan = run.Result("patchgan-patch-gan-s1")!;
        var crops = Dataset.Load(run.Absolute(patchGan.Outputs["crops"]));
        var train = real.Images.Where(i => i.Split == Split.Train).Select(i => i.Id).ToHashSet();
        Assert.Equal(real.Boxes.Count(b => train.Contains(b.ImageId)), crops.Images.Count);
        var blended = Dataset.Load(run.Absolute(run.Result("detect-patch-gan-s1")!.Outputs["dataset"]));
        Assert.Contains("lesion-patch GAN", blended.Info.Origin);
        var added = blended.Images.Where(i => i.Source == ImageSource.Synthetic).ToList();
        Assert.Equal(4 * crops.Vocabulary.Count, added.Count);
        Assert.All(added, i => Assert.Single(blended.Boxes, b => b.ImageId == i.Id));

        // pseudo-boxes: the generator's images of the detection classes, kept only with a box of their own class from the
        // real-only detector of the same seed (threshold 0 keeps every image the detector boxes at all).
        var pseudo = run.Result("detect-pseudo-boxes-s1")!;
        var merged = Dataset.Load(run.Absolute(pseudo.Outputs["dataset"]));
        var synthetic = merged.Images.Where(i => i.Source == ImageSource.Synthetic).ToList();
        Assert.Equal(int.Parse(pseudo.Outputs["pseudo_kept"]), synthetic.Count);
        Assert.True(int.Parse(pseudo.Outputs["pseudo_sampled"]) >= synthetic.Count);
        Assert.Contains("boxed by detector", merged.Info.Origin);
        Assert.All(synthetic, i =>
        {
            Assert.Equal(Split.Train, i.Split);
            Assert.Contains(merged.Boxes, b => b.ImageId == i.Id);
            Assert.All(merged.Boxes.Where(b => b.ImageId == i.Id), b => Assert.Contains(b.Label, i.Labels));
        });
        Assert.Equal(int.Parse(pseudo.Outputs["pseudo_boxes"]), merged.Boxes.Count - real.Boxes.Count);
        Assert.Equal(real.Images.Count(i => i.Split != Split.Train), merged.Images.Count(i => i.Split != Split.Train));

        // Scores are those of the stored detections; both arms have gains over real-only in the summary and the report.
        foreach (var cell in run.Plan.DetectionCells)
        {
            var result = run.Result(cell.Id)!;
            var file = DetectionFile.Read(run.Absolute(result.Outputs["detections"]));
            for (int c = 0; c < file.Classes.Count; c++)
                Assert.Equal(AveragePrecision.Compute(file.Images, c), result.Detection![c].Ap50, 12);
        }
        var summary = DetectionSummary.Compute(run);
        Assert.NotNull(summary.Single(r => r.Arm == "patch-gan" && r.Label == "mean").Ap50Gain);
        Assert.NotNull(summary.Single(r => r.Arm == "pseudo-boxes" && r.Label == "mean").Ap50Gain);
        string report = File.ReadAllText(temp.File("report/report.md"));
        Assert.Contains("patch-gan", report);
        Assert.Contains("pseudo-boxes", report);
    }
}
