using XraySynth.Detect.Boxes;
using XraySynth.Evaluate;
using XraySynth.Evaluate.Detection;

namespace XraySynth.Tests.Evaluate.Detection;

public sealed class FrocTests
{
    static Box At(int i) => Box.FromXywh(20 * i, 0, 10, 10);
    static Box Miss(int i) => Box.FromXywh(500 + 20 * i, 500, 10, 10);

    /// <summary>Two images, three lesions; ranked .9 TP, .8 FP, .7 FP, .6 FP, .3 TP, .2 TP, .1 FP.</summary>
    static DetectionImage[] HandWorked() =>
    [
        new([new(At(0), 0), new(At(1), 0)], [new(At(0), 0, 0.9f), new(Miss(0), 0, 0.6f), new(At(1), 0, 0.3f)]),
        new([new(At(2), 0)], [new(Miss(1), 0, 0.8f), new(Miss(2), 0, 0.7f), new(At(2), 0, 0.2f), new(Miss(3), 0, 0.1f)]),
    ];

    [Fact]
    public void Hand_worked_example_reads_the_best_sensitivity_within_each_false_positive_budget()
    {
        // Operating points (FP/image, sensitivity): (0, 0) (0, 1/3) (0.5, 1/3) (1, 1/3) (1.5, 1/3) (1.5, 2/3) (1.5, 1) (2, 1).
        double third = 1.0 / 3;
        double[] expected = [third, third, third, third, 1, 1, 1];
        var sensitivities = Froc.Sensitivities(HandWorked(), 0);
        for (int i = 0; i < 7; i++) Assert.Equal(expected[i], sensitivities[i], 12);
        Assert.Equal(13.0 / 21, Froc.Cpm(HandWorked(), 0), 12);
    }

    [Fact]
    public void Tied_scores_form_one_threshold()
    {
        // A TP and an FP at the same score: the TP cannot be had without the FP.
        DetectionImage[] image = [new([new(At(0), 0)], [new(At(0), 0, 0.5f), new(Miss(0), 0, 0.5f)])];
        var sensitivities = Froc.Sensitivities(image, 0, rates: [0.5, 1]);
        Assert.Equal([0.0, 1.0], sensitivities);
    }

    [Fact]
    public void No_lesions_gives_NaN()
    {
        Assert.All(Froc.Sensitivities(HandWorked(), 1), s => Assert.True(double.IsNaN(s)));
    }

    [Fact]
    public void Perfect_detector_has_unit_metrics_with_degenerate_intervals_and_no_gain_over_itself()
    {
        var images = Enumerable.Range(0, 6).Select(i => new DetectionImage([new(At(i % 3), i % 2)], [new(At(i % 3), i % 2, 0.9f)])).ToArray();
        string[] patients = ["a", "a", "b", "c", "c", "d"];
        var options = new BootstrapOptions { Resamples = 50, Seed = 3 };
        var result = DetectionMetrics.Evaluate(images, ["x", "y"], patients, options);
        Assert.All(result.Classes.Append(result.Mean), row =>
        {
            Assert.Equal(1, row.Ap50.Estimate);
            Assert.Equal(1, row.Ap50.Lower);
            Assert.Equal(1, row.Cpm.Upper);
        });
        Assert.Equal(6, result.Mean.TruthBoxes);
        var gains = DetectionComparison.Compare(images, images, ["x", "y"], patients, options);
        Assert.Equal(3, gains.Count);
        Assert.All(gains, g => { Assert.Equal(0, g.Ap50Gain.Estimate); Assert.Equal(0, g.ApGain.Lower); Assert.Equal(0, g.CpmGain.Upper); });
    }

    [Fact]
    public void Better_detector_shows_a_positive_ap_gain()
    {
        var truth = Enumerable.Range(0, 20).Select(i => new LabeledBox(At(i % 4), 0)).ToArray();
        var a = truth.Select((t, i) => new DetectionImage([t], [new(Miss(0), 0, 0.9f), new(i % 2 == 0 ? t.Box : Miss(1), 0, 0.5f)])).ToArray();
        var b = truth.Select(t => new DetectionImage([t], [new(t.Box, 0, 0.9f)])).ToArray();
        string[] patients = Enumerable.Range(0, 20).Select(i => $"p{i}").ToArray();
        var gains = DetectionComparison.Compare(a, b, ["x"], patients, new BootstrapOptions { Resamples = 200 });
        Assert.True(gains[0].Ap50Gain.Lower > 0);
        Assert.Equal(1 - AveragePrecision.Compute(a, 0), gains[0].Ap50Gain.Estimate, 12);
    }
}
