using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Splitting;
using XraySynth.Evaluate;
using static TorchSharp.torch;

namespace XraySynth.Classify.Evaluation;

/// <summary>What an evaluation wrote and found.</summary>
/// <param name="Folder">Output folder.</param>
/// <param name="Metrics">Per-label metrics with CIs.</param>
/// <param name="MeanAuroc">Mean AUROC over labels with both classes.</param>
public sealed record EvaluationResult(string Folder, IReadOnlyList<LabelMetrics> Metrics, double MeanAuroc);

/// <summary>What a comparison wrote and found.</summary>
/// <param name="Folder">Output folder.</param>
/// <param name="Rows">Per-label paired comparison (B − A).</param>
public sealed record ComparisonResult(string Folder, IReadOnlyList<LabelComparison> Rows);

/// <summary>
/// Evaluates classifier runs on a split: predictions CSV, per-label AUROC/AUPRC with patient-bootstrap CIs,
/// sensitivity at 90% specificity, ECE, ROC PNGs; and compares two runs on the same images (paired bootstrap
/// CI of the AUROC difference, DeLong p-values, Holm correction).
/// </summary>
public static class ClassifierEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="runPath"/> on <paramref name="split"/> of its dataset, into RUN/eval-SPLIT/, or of <paramref name="datasetOverride"/>, into RUN/eval-NAME-SPLIT/
    /// (<see cref="EvaluationFolder"/>: never replacing another evaluation's results).
    /// Images or patients the run trained or validated on are refused (<see cref="TrainingOverlap"/>) unless <paramref name="allowTrainingOverlap"/>.
    /// </summary>
    public static EvaluationResult Evaluate(string runPath, Split split, string? datasetOverride, BootstrapOptions bootstrap, Device device, IReporter reporter,
        bool allowTrainingOverlap = false)
    {
        using var classifier = TrainedClassifier.Load(runPath, device);
        var dataset = Dataset.Load(datasetOverride ?? classifier.Info.Dataset);
        string overlap = CheckOverlap(classifier, dataset, split, allowTrainingOverlap, reporter);
        string which = ManifestEnums.Format(split);
        string folder = EvaluationFolder.ForRun(classifier.Run.Path, classifier.Info.Dataset, dataset.Root, dataset.Info.Name, which);
        EvaluationFolder.Claim(folder, EvaluationFolder.Record(EvaluationFolder.DatasetForRun(classifier.Info.Dataset, dataset.Root, dataset.Info.Name), which, classifier.Run.Path), Path.GetFileName(folder) == $"eval-{which}",
            "rename or delete it, or give the dataset another name");
        Directory.CreateDirectory(Path.Combine(folder, "roc"));
        var predictions = classifier.Predict(dataset, split, device, reporter);
        predictions.Write(Path.Combine(folder, "predictions.csv"));
        var metrics = PerLabelMetrics.Compute(predictions.Probabilities, predictions.Truth, predictions.PatientIds, predictions.Labels, bootstrap);
        MetricsTables.WriteMetricsCsv(Path.Combine(folder, "metrics.csv"), metrics);
        string title = $"{classifier.Name} on {dataset.Info.Name} {ManifestEnums.Format(split)} ({predictions.ImageIds.Length} images, {predictions.PatientIds.Distinct().Count()} patients)";
        AtomicFile.WriteText(Path.Combine(folder, "metrics.md"), w => w.Write(TrainingOverlap.Annotate(MetricsTables.MetricsMarkdown(title, metrics), overlap)));
        for (int l = 0; l < predictions.Labels.Count; l++)
        {
            var (scores, truth) = Column(predictions, l);
            RocFigure.Save(Path.Combine(folder, "roc", $"{Safe(predictions.Labels[l])}.png"), predictions.Labels[l], [(classifier.Name, scores, truth)]);
        }
        var defined = metrics.Select(m => m.Auroc.Estimate).Where(double.IsFinite).ToList();
        return new EvaluationResult(folder, metrics, defined.Count == 0 ? double.NaN : defined.Average());
    }

    /// <summary>
    /// Compares run B against run A on the <paramref name="split"/> images of A's dataset (or the override); writes into <paramref name="outFolder"/>.
    /// Images or patients either run trained or validated on are refused unless <paramref name="allowTrainingOverlap"/>.
    /// </summary>
    public static ComparisonResult Compare(string runA, string runB, Split split, string? datasetOverride, string outFolder, BootstrapOptions bootstrap, Device device, IReporter reporter,
        bool allowTrainingOverlap = false)
    {
        using var a = TrainedClassifier.Load(runA, device);
        using var b = TrainedClassifier.Load(runB, device);
        var dataset = Dataset.Load(datasetOverride ?? a.Info.Dataset);
        string overlap = string.Join("\n\n", new[] { CheckOverlap(a, dataset, split, allowTrainingOverlap, reporter), CheckOverlap(b, dataset, split, allowTrainingOverlap, reporter) }
            .Where(w => w.Length > 0).Distinct());
        EvaluationFolder.Claim(outFolder, EvaluationFolder.Record(EvaluationFolder.Dataset(dataset.Root, dataset.Info.Name), ManifestEnums.Format(split), a.Run.Path, b.Run.Path), false, "choose another --out, or delete it");
        var predictionsA = a.Predict(dataset, split, device, reporter);
        var predictionsB = b.Predict(dataset, split, device, reporter).Align(predictionsA.ImageIds);
        var rows = PairedComparison.Compute(predictionsA.Probabilities, predictionsB.Probabilities, predictionsA.Truth, predictionsA.PatientIds, predictionsA.Labels, bootstrap);
        Directory.CreateDirectory(Path.Combine(outFolder, "roc"));
        predictionsA.Write(Path.Combine(outFolder, "predictions-a.csv"));
        predictionsB.Write(Path.Combine(outFolder, "predictions-b.csv"));
        MetricsTables.WriteComparisonCsv(Path.Combine(outFolder, "comparison.csv"), rows);
        AtomicFile.WriteText(Path.Combine(outFolder, "comparison.md"), w => w.Write(TrainingOverlap.Annotate(MetricsTables.ComparisonMarkdown(a.Name, b.Name, rows), overlap)));
        for (int l = 0; l < predictionsA.Labels.Count; l++)
        {
            var (scoresA, truth) = Column(predictionsA, l);
            var (scoresB, _) = Column(predictionsB, l);
            RocFigure.Save(Path.Combine(outFolder, "roc", $"{Safe(predictionsA.Labels[l])}.png"), predictionsA.Labels[l], [("A: " + a.Name, scoresA, truth), ("B: " + b.Name, scoresB, truth)]);
        }
        return new ComparisonResult(outFolder, rows);
    }

    static string CheckOverlap(TrainedClassifier run, Dataset dataset, Split split, bool allow, IReporter reporter) =>
        TrainingOverlap.Check(run.Run.Path, run.Name, run.Info.Dataset, run.Info.SplitFingerprint, dataset, split, allow, reporter);

    static (double[] Scores, bool[] Truth) Column(Predictions p, int label)
    {
        int n = p.ImageIds.Length;
        var scores = new double[n];
        var truth = new bool[n];
        for (int i = 0; i < n; i++) { scores[i] = p.Probabilities[i, label]; truth[i] = p.Truth[i, label] > 0.5; }
        return (scores, truth);
    }

    static string Safe(string label) => new(label.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
