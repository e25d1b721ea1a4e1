using XraySynth.Classify.Evaluation;
using XraySynth.Evaluate;

namespace XraySynth.Tests.Classify.Evaluation;

/// <summary>The per-label Markdown tables: labels with few positives are marked and the caveat is written under the table.</summary>
public sealed class MetricsTablesTests
{
    static readonly BootstrapCi Ci = new(0.8, 0.7, 0.9, 0.95, 1000, 0, 0);

    static LabelMetrics Metrics(string label, int positives) => new(label, positives, 100, positives, Ci, Ci, 0.5, 0.1);

    static LabelComparison Comparison(string label, int positives) =>
        new(label, positives, 100, 0.7, 0.8, Ci with { Estimate = 0.1, Lower = -0.05, Upper = 0.25 }, new DeLongComparison(0.7, 0.8, 0.1, 0.01, 0.01, 0.005, 1.0, 0.3), 0.6);

    [Fact]
    public void Labels_with_fewer_than_ten_positives_are_marked_and_explained_under_the_metrics_table()
    {
        string md = MetricsTables.MetricsMarkdown("t", [Metrics("Effusion", 10), Metrics("Hernia", 4), Metrics("Absent", 0)]);
        Assert.Contains("| Effusion | 10 |", md);
        Assert.Contains("| Hernia † | 4 |", md);
        Assert.Contains("| Absent | 0 |", md); // no positives: the metrics are n/a already, no caveat needed
        Assert.Contains("† fewer than 10 positive images in the evaluated split", md);
    }

    [Fact]
    public void Comparisons_mark_few_positive_labels_and_tables_without_them_carry_no_note()
    {
        string marked = MetricsTables.ComparisonMarkdown("A", "B", [Comparison("Hernia", 9)]);
        Assert.Contains("| Hernia † | 9 |", marked);
        Assert.Contains("†", marked[marked.IndexOf("A = A", StringComparison.Ordinal)..]);
        string clean = MetricsTables.ComparisonMarkdown("A", "B", [Comparison("Effusion", 10)]);
        Assert.DoesNotContain("†", clean);
    }
}
