using XraySynth.Experiments.Ablation;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments.Ablation;

public sealed class ResultStoreTests
{
    [Fact]
    public void Predictions_round_trip_with_unknown_labels_and_a_rewrite_replaces_the_job()
    {
        using var temp = new TempDirectory();
        var cell = AblationTestData.Cell(seed: 1, lift: 0);
        using (var store = ResultStore.Open(temp.File("results.sqlite")))
        {
            AblationTestData.Fill(store, [("a", 1, cell)]);
            AblationTestData.Fill(store, [("a", 1, cell)]); // the same job written again: replaced, not duplicated
        }
        using var reopened = ResultStore.Open(temp.File("results.sqlite"));
        var back = reopened.Predictions(AblationPlan.CellId("a", 1), AblationTestData.Labels)!;
        Assert.Equal(cell.ImageIds, back.ImageIds);
        Assert.Equal(cell.PatientIds, back.PatientIds);
        Assert.Equal(cell.Probabilities, back.Probabilities);
        Assert.Contains(Enumerable.Range(0, cell.ImageIds.Length), i => double.IsNaN(cell.Truth[i, 0]));
        for (int i = 0; i < cell.ImageIds.Length; i++)
            for (int l = 0; l < AblationTestData.Labels.Length; l++)
                Assert.Equal(cell.Truth[i, l], back.Truth[i, l]); // NaN equals NaN for doubles in xunit
        Assert.Equal(2, reopened.Jobs().Count);
        var scores = reopened.Scores(AblationPlan.CellId("a", 1));
        Assert.Equal(AblationTestData.Labels, scores.Select(s => s.Label));
        Assert.True(double.IsNaN(scores[2].Auroc), "a label with no positive has no AUROC");
        Assert.Null(reopened.Predictions("missing", AblationTestData.Labels));
    }
}
