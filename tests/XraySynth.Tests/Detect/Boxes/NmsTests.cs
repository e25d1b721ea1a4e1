using XraySynth.Detect.Boxes;

namespace XraySynth.Tests.Detect.Boxes;

public sealed class NmsTests
{
    static DetectedBox D(double x0, int cls, float score) => new(new Box(x0, 0, x0 + 10, 10), cls, score);

    [Fact]
    public void Overlapping_boxes_of_one_class_keep_only_the_best()
    {
        var kept = Nms.Apply([D(1, 0, 0.5f), D(0, 0, 0.9f), D(30, 0, 0.4f)], 0.5);
        Assert.Equal([D(0, 0, 0.9f), D(30, 0, 0.4f)], kept);
    }

    [Fact]
    public void Boxes_of_different_classes_never_suppress_each_other()
    {
        var kept = Nms.Apply([D(0, 0, 0.9f), D(0, 1, 0.8f)], 0.5);
        Assert.Equal(2, kept.Count);
    }

    [Fact]
    public void A_box_at_exactly_the_threshold_survives_and_suppressed_boxes_do_not_suppress()
    {
        // IoU of x-shift 5 on width 10: 50 / 150 = 1/3.
        var kept = Nms.Apply([D(0, 0, 0.9f), D(5, 0, 0.8f), D(10, 0, 0.7f)], 1.0 / 3);
        Assert.Equal(3, kept.Count);
        // At 0.3 the middle box goes; the third overlaps only the suppressed one (1/3) and the first not at all.
        kept = Nms.Apply([D(0, 0, 0.9f), D(5, 0, 0.8f), D(10, 0, 0.7f)], 0.3);
        Assert.Equal([D(0, 0, 0.9f), D(10, 0, 0.7f)], kept);
    }

    [Fact]
    public void At_most_the_requested_number_is_kept_by_score()
    {
        var kept = Nms.Apply([D(0, 0, 0.1f), D(50, 0, 0.9f), D(100, 1, 0.5f)], 0.5, maxDetections: 2);
        Assert.Equal([0.9f, 0.5f], kept.Select(k => k.Score));
    }
}
