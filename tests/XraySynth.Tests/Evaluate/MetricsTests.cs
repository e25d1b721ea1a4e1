using XraySynth.Common;
using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class MetricsTests
{
    [Fact]
    public void Registry_names_resolve_to_the_metric_functions()
    {
        var (scores, labels) = Reference.TiedData(51, 80);
        double[] probabilities = [.. scores.Select(s => s / 1.3)];
        Assert.Equal(["auroc", "auprc", "sens@spec90", "ece"], Metrics.Names);
        Assert.Equal(Reference.PairwiseAuroc(scores, labels), Metrics.Get("auroc").Compute(scores, labels), 12);
        Assert.Equal(Reference.AveragePrecisionPerPositive(scores, labels), Metrics.Get("AUPRC").Compute(scores, labels), 12);
        Assert.Equal(Reference.SensitivityAtSpecificity(scores, labels, 0.9), Metrics.Get("sens@spec90").Compute(scores, labels), 12);
        Assert.Equal(CalibrationError.Expected(probabilities, labels, 15), Metrics.Get("ece").Compute(probabilities, labels));
    }

    [Fact]
    public void Unknown_name_is_a_user_error_with_the_nearest_name()
    {
        var error = Assert.Throws<UserError>(() => Metrics.Get("aurc"));
        Assert.Contains("did you mean 'auroc'", error.Message);
    }

    [Fact]
    public void Known_labels_drop_NaN_and_reject_other_values()
    {
        var (scores, labels) = KnownLabels.Select([0.1, 0.2, 0.3, 0.4], [1, double.NaN, 0, 1]);
        Assert.Equal([0.1, 0.3, 0.4], scores);
        Assert.Equal([true, false, true], labels);
        Assert.Throws<ArgumentException>(() => KnownLabels.Select([0.1], [0.5]));
    }
}
