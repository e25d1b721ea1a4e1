using XraySynth.Classify.Evaluation;
using XraySynth.Experiments.Ablation;
using XraySynth.Tests.Evaluate;

namespace XraySynth.Tests.Experiments.Ablation;

/// <summary>Stores filled with made-up cells (no torch): predictions from the shared metric test set, perturbed per seed.</summary>
static class AblationTestData
{
    public static readonly string[] Labels = PerLabelMetricsTests.LabelNames;

    public static AblationConfig Config(params string[] arms) => new()
    {
        Name = "unit",
        Seeds = [1, 2, 3],
        Bootstrap = 200,
        RarePrevalence = 0.05,
        Arms = [.. arms.Select(a => new ArmSpec { Name = a })],
    };

    /// <summary>Test predictions of one cell: the base scores, lifted on positives by <paramref name="lift"/>, with seed noise; rows optionally reversed.</summary>
    public static Predictions Cell(int seed, double lift, bool reverse = false)
    {
        var (scores, labels, patients) = PerLabelMetricsTests.TestSet(81);
        var random = new Random(seed);
        int n = patients.Length;
        var probabilities = new double[n, Labels.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < Labels.Length; j++)
                probabilities[i, j] = Math.Round(Math.Clamp(scores[i, j] + (labels[i, j] == 1 ? lift : 0) + 0.1 * (random.NextDouble() - 0.5), 0, 1), 2);
        string[] ids = [.. Enumerable.Range(0, n).Select(i => $"img{i:D4}")];
        var predictions = new Predictions(ids, patients, Labels, labels, probabilities);
        return reverse ? predictions.Align([.. ids.Reverse()]) : predictions;
    }

    public static JobResult Result(string id, AblationJobKind kind, long seed, string? arm, Predictions? predictions = null,
        IReadOnlyDictionary<string, double>? prevalence = null) =>
        new(id, kind, JobResult.Done, seed, arm, null, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", 60, "abc", "host", "cpu",
            new Dictionary<string, string>(), predictions is null ? null : AblationJobRunner.Score(predictions), prevalence);

    /// <summary>Puts a data job and the given cells (arm, seed, predictions) into <paramref name="store"/>.</summary>
    public static void Fill(ResultStore store, IEnumerable<(string Arm, long Seed, Predictions Predictions)> cells)
    {
        store.SetMeta("labels", System.Text.Json.JsonSerializer.Serialize(Labels));
        var prevalence = new Dictionary<string, double> { ["Effusion"] = 0.25, ["Hernia"] = 0.02, ["Empty"] = 0.0 };
        store.SetMeta("train_prevalence", System.Text.Json.JsonSerializer.Serialize(prevalence));
        store.Put(Result(AblationPlan.DataJobId, AblationJobKind.Data, 0, null, prevalence: prevalence), null);
        foreach (var (arm, seed, predictions) in cells)
            store.Put(Result(AblationPlan.CellId(arm, seed), AblationJobKind.Cell, seed, arm, predictions), predictions);
    }
}
