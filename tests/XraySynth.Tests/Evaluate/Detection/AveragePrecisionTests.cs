using XraySynth.Detect.Boxes;
using XraySynth.Evaluate.Detection;

namespace XraySynth.Tests.Evaluate.Detection;

public sealed class AveragePrecisionTests
{
    static Box At(int i) => Box.FromXywh(20 * i, 0, 10, 10);
    static Box Miss => Box.FromXywh(500, 500, 10, 10);

    /// <summary>Three lesions; ranked hits TP, FP, TP, FP, FP (spread over two images).</summary>
    internal static DetectionImage[] HandWorked() =>
    [
        new([new(At(0), 0), new(At(1), 0)], [new(At(0), 0, 0.9f), new(Miss, 0, 0.8f), new(Miss, 0, 0.4f)]),
        new([new(At(2), 0)], [new(At(2), 0, 0.7f), new(Miss, 0, 0.6f), new(At(5), 1, 0.95f)]),
    ];

    [Fact]
    public void Hand_worked_example_uses_the_101_point_interpolation()
    {
        // Recall 1/3, 1/3, 2/3, 2/3, 2/3; precision 1, 1/2, 2/3, 1/2, 2/5; envelope 1, 2/3, 2/3, 1/2, 2/5.
        // Recall levels 0.00 … 0.33 (34 levels) read 1, levels 0.34 … 0.66 (33) read 2/3, levels 0.67 … 1 read 0.
        double ap = AveragePrecision.Compute(HandWorked(), 0, 0.5);
        Assert.Equal((34 + 33 * 2.0 / 3) / 101, ap, 12);
        // The all-point area would be 1/3 · 1 + 1/3 · 2/3 = 0.5556: the interpolation matters.
        Assert.NotEqual(5.0 / 9, ap, 3);
    }

    [Fact]
    public void Perfect_detections_give_one_none_give_zero_and_no_truth_gives_NaN()
    {
        DetectionImage[] perfect = [new([new(At(0), 0), new(At(1), 0)], [new(At(0), 0, 0.9f), new(At(1), 0, 0.2f)])];
        Assert.Equal(1, AveragePrecision.Compute(perfect, 0));
        DetectionImage[] none = [new([new(At(0), 0)], [])];
        Assert.Equal(0, AveragePrecision.Compute(none, 0));
        Assert.True(double.IsNaN(AveragePrecision.Compute(perfect, 1)));
    }

    [Fact]
    public void A_second_hit_on_a_lesion_is_a_false_positive()
    {
        // Ranked TP, FP(duplicate): recall 1, 1; precision 1, 1/2; envelope 1, 1/2 → every level reads 1.
        DetectionImage[] twice = [new([new(At(0), 0)], [new(At(0), 0, 0.9f), new(At(0), 0, 0.8f)])];
        Assert.Equal(1, AveragePrecision.Compute(twice, 0));
        // Ranked FP, TP, FP(duplicate): precision 0, 1/2, 1/3; envelope 1/2, 1/2, 1/3 → every level reads 1/2.
        DetectionImage[] lowFirst = [new([new(At(0), 0)], [new(Miss, 0, 0.95f), new(At(0), 0, 0.9f), new(At(0), 0, 0.8f)])];
        Assert.Equal(0.5, AveragePrecision.Compute(lowFirst, 0), 12);
    }

    [Fact]
    public void A_detection_takes_the_unmatched_lesion_it_overlaps_most()
    {
        var left = Box.FromXywh(0, 0, 10, 10);
        var right = Box.FromXywh(4, 0, 10, 10);
        // The first detection overlaps 'right' most (IoU 1) and 'left' at 6/14; the second then matches 'left'.
        DetectionImage[] image = [new([new(left, 0), new(right, 0)], [new(right, 0, 0.9f), new(Box.FromXywh(1, 0, 10, 10), 0, 0.8f)])];
        Assert.Equal(1, AveragePrecision.Compute(image, 0));
    }

    [Fact]
    public void Coco_range_averages_over_ten_iou_thresholds()
    {
        // IoU 0.72: a hit at 0.50 … 0.70 (5 thresholds, AP 1 each), a miss at 0.75 … 0.95 (AP 0).
        DetectionImage[] image = [new([new(Box.FromXywh(0, 0, 10, 10), 0)], [new(Box.FromXywh(0, 0, 10, 7.2), 0, 0.9f)])];
        Assert.Equal(0.5, AveragePrecision.CocoRange(image, 0), 12);
        // pycocotools' np.linspace(.5, .95, 10): the 0.90 threshold is one ulp below the double nearest 0.9.
        Assert.Equal([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95], AveragePrecision.CocoThresholds);
    }

    [Fact]
    public void Image_weights_count_an_image_as_often_as_it_was_drawn()
    {
        var images = HandWorked();
        var hits = ClassHits.Match(images, 0, 0.5);
        double weighted = AveragePrecision.FromHits(hits, [2, 1]);
        double repeated = AveragePrecision.Compute([images[0], images[0], images[1]], 0);
        Assert.Equal(repeated, weighted, 12);
        Assert.Equal(AveragePrecision.Compute([images[1]], 0), AveragePrecision.FromHits(hits, [0, 1]), 12);
    }
}
