using XraySynth.Data;
using XraySynth.Gan;
using XraySynth.Gan.Training;

namespace XraySynth.Tests.Gan.Training;

public sealed class TrainingRowsTests
{
    static Dataset Make(params string[][] labels)
    {
        var vocabulary = new[] { "A", "B" };
        var images = labels.Select((l, i) => new ImageRecord { Id = $"i{i}", Path = $"{i}.png", PatientId = $"p{i}", Split = Split.Train, Labels = l, Width = 8, Height = 8 }).ToList();
        images.Add(new ImageRecord { Id = "val", Path = "v.png", PatientId = "pv", Split = Split.Val, Labels = ["B"], Width = 8, Height = 8 });
        return new Dataset("/tmp/x", new DatasetInfo { Name = "t", Labels = vocabulary }, images, []);
    }

    [Fact]
    public void Balanced_weights_make_every_label_and_no_finding_equally_likely()
    {
        // 6 No Finding, 3 A, 1 B: each class should get 1/3 of the draws.
        var dataset = Make([], [], [], [], [], [], ["A"], ["A"], ["A"], ["B"]);
        var rows = TrainingRows.Select(dataset, new GanConfig { Focus = LabelFocus.Balanced });
        Assert.Equal(10, rows.Rows.Count);
        double P(Func<ImageRecord, bool> f) => rows.Rows.Select((r, i) => f(dataset.Images[r]) ? rows.Weights[i] : 0).Sum();
        Assert.Equal(1 / 3.0, P(i => i.Labels.Count == 0), 10);
        Assert.Equal(1 / 3.0, P(i => i.Has("A")), 10);
        Assert.Equal(1 / 3.0, P(i => i.Has("B")), 10);

        var random = new Random(3);
        var drawn = rows.Draw(random, 30_000);
        double b = drawn.Count(r => dataset.Images[r].Has("B")) / 30_000.0;
        Assert.InRange(b, 0.31, 0.356);
        Assert.DoesNotContain(drawn, r => dataset.Images[r].Split != Split.Train);
    }

    [Fact]
    public void Uniform_focus_uses_every_real_training_image()
    {
        var dataset = Make([], ["A"], ["B"]);
        var rows = TrainingRows.Select(dataset, new GanConfig());
        Assert.Equal([0, 1, 2], rows.Rows);
        Assert.All(rows.Weights, w => Assert.Equal(1 / 3.0, w, 12));
    }
}
