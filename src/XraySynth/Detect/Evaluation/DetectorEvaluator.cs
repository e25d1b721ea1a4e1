using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Splitting;
using XraySynth.Detect.Boxes;
using XraySynth.Evaluate;
using XraySynth.Evaluate.Detection;
using static TorchSharp.torch;

namespace XraySynth.Detect.Evaluation;

/// <summary>What a detector evaluation wrote and found.</summary>
/// <param name="Folder">Output folder (RUN/eval-SPLIT, or RUN/eval-NAME-SPLIT on another dataset).</param>
/// <param name="Metrics">Per-class AP@0.5, AP@[.5:.95], CPM and FROC points with CIs, and their means.</param>
public sealed record DetectorEvaluationResult(string Folder, DetectionMetricsResult Metrics);

/// <summary>What a detector comparison wrote and found.</summary>
/// <param name="Folder">Output folder.</param>
/// <param name="Gains">Per-class and mean gains B − A with paired CIs.</param>
public sealed record DetectorComparisonResult(string Folder, IReadOnlyList<ClassDetectionGain> Gains);

/// <summary>
/// Evaluates detector runs on a split (predictions CSV, metrics with patient-bootstrap CIs, PNG overlays), compares
/// two runs on the same images, and writes predictions of a run on any dataset.
/// </summary>
public static class DetectorEvaluator
{
    /// <summary>Overlay PNGs written per evaluation (the first images with boxes, then the rest).</summary>
    public const int Overlays = 12;

    /// <summary>Evaluates <paramref name="runPath"/> on the usable <paramref name="split"/> images of its dataset, into RUN/eval-SPLIT/, or of <paramref name="datasetOverride"/>, into RUN/eval-NAME-SPLIT/ (<see cref="EvaluationFolder"/>).</summary>
    /// <remarks>Images or patients the run trained or validated on are refused (<see cref="TrainingOverlap"/>) unless <paramref name="allowTrainingOverlap"/>.</remarks>
    public static DetectorEvaluationResult Evaluate(string runPath, Split split, string? datasetOverride, BootstrapOptions bootstrap, Device device, IReporter reporter,
        bool allowTrainingOverlap = false)
    {
        using var detector = TrainedDetector.Load(runPath, device);
        var dataset = Dataset.Load(datasetOverride ?? detector.Info.Dataset);
        string overlap = CheckOverlap(detector, dataset, split, allowTrainingOverlap, reporter);
        string which = ManifestEnums.Format(split);
        string folder = EvaluationFolder.ForRun(detector.Run.Path, detector.Info.Dataset, dataset.Root, dataset.Info.Name, which);
        EvaluationFolder.Claim(folder, EvaluationFolder.Record(EvaluationFolder.DatasetForRun(detector.Info.Dataset, dataset.Root, dataset.Info.Name), which, detector.Run.Path), Path.GetFileName(folder) == $"eval-{which}",
            "rename or delete it, or give the dataset another name");
        var predictions = detector.Predict(dataset, split, device, reporter);
        predictions.Write(Path.Combine(folder, "predictions.csv"));
        var metrics = DetectionMetrics.Evaluate(Images(predictions), predictions.Classes, predictions.PatientIds, bootstrap);
        DetectionTables.WriteMetricsCsv(Path.Combine(folder, "metrics.csv"), metrics);
        string title = $"{detector.Name} on {dataset.Info.Name} {ManifestEnums.Format(split)} ({predictions.Images.Count} images, {predictions.PatientIds.Distinct().Count()} patients)";
        AtomicFile.WriteText(Path.Combine(folder, "metrics.md"), w => w.Write(TrainingOverlap.Annotate(DetectionTables.MetricsMarkdown(title, metrics), overlap)));
        WriteOverlays(Path.Combine(folder, "overlays"), dataset, predictions, detector.Config.ImageSize, 0.3);
        return new DetectorEvaluationResult(folder, metrics);
    }

    /// <summary>Compares run B against run A on the usable <paramref name="split"/> images of A's dataset (or the override); writes into <paramref name="outFolder"/>.</summary>
    /// <remarks>Images or patients either run trained or validated on are refused unless <paramref name="allowTrainingOverlap"/>.</remarks>
    public static DetectorComparisonResult Compare(string runA, string runB, Split split, string? datasetOverride, string outFolder, BootstrapOptions bootstrap, Device device, IReporter reporter,
        bool allowTrainingOverlap = false)
    {
        using var a = TrainedDetector.Load(runA, device);
        using var b = TrainedDetector.Load(runB, device);
        if (!a.Info.Classes.SequenceEqual(b.Info.Classes))
            throw new UserError($"{a.Name} detects [{string.Join(", ", a.Info.Classes)}] but {b.Name} detects [{string.Join(", ", b.Info.Classes)}]: compare detectors of the same classes");
        var dataset = Dataset.Load(datasetOverride ?? a.Info.Dataset);
        string overlap = string.Join("\n\n", new[] { CheckOverlap(a, dataset, split, allowTrainingOverlap, reporter), CheckOverlap(b, dataset, split, allowTrainingOverlap, reporter) }
            .Where(w => w.Length > 0).Distinct());
        EvaluationFolder.Claim(outFolder, EvaluationFolder.Record(EvaluationFolder.Dataset(dataset.Root, dataset.Info.Name), ManifestEnums.Format(split), a.Run.Path, b.Run.Path), false, "choose another --out, or delete it");
        var predictionsA = a.Predict(dataset, split, device, reporter);
        var predictionsB = b.Predict(dataset, split, device, reporter);
        if (a.Config.ImageSize != b.Config.ImageSize) predictionsB = Rescale(predictionsB, predictionsA.CacheSize);
        var gains = DetectionComparison.Compare(Images(predictionsA), Images(predictionsB), predictionsA.Classes, predictionsA.PatientIds, bootstrap);
        predictionsA.Write(Path.Combine(outFolder, "predictions-a.csv"));
        predictionsB.Write(Path.Combine(outFolder, "predictions-b.csv"));
        DetectionTables.WriteComparisonCsv(Path.Combine(outFolder, "comparison.csv"), gains);
        AtomicFile.WriteText(Path.Combine(outFolder, "comparison.md"), w => w.Write(TrainingOverlap.Annotate(DetectionTables.ComparisonMarkdown(a.Name, b.Name, gains), overlap)));
        return new DetectorComparisonResult(outFolder, gains);
    }

    /// <summary>Writes predictions.csv (and overlays) of <paramref name="runPath"/> on every image of <paramref name="split"/> of <paramref name="dataset"/>.</summary>
    public static DetectorPredictions Predict(string runPath, string dataset, Split split, string outFolder, double minScore, Device device, IReporter reporter)
    {
        using var detector = TrainedDetector.Load(runPath, device);
        var data = Dataset.Load(dataset);
        var predictions = detector.Predict(data, split, device, reporter, allImages: true);
        predictions = predictions with { Predicted = predictions.Predicted.Select(p => (IReadOnlyList<DetectedBox>)p.Where(d => d.Score >= minScore).ToArray()).ToArray() };
        Directory.CreateDirectory(outFolder);
        predictions.Write(Path.Combine(outFolder, "predictions.csv"));
        WriteOverlays(Path.Combine(outFolder, "overlays"), data, predictions, detector.Config.ImageSize, minScore);
        return predictions;
    }

    static string CheckOverlap(TrainedDetector run, Dataset dataset, Split split, bool allow, IReporter reporter) =>
        TrainingOverlap.Check(run.Run.Path, run.Name, run.Info.Dataset, run.Info.SplitFingerprint, dataset, split, allow, reporter);

    /// <summary>The predictions as metric inputs.</summary>
    public static DetectionImage[] Images(DetectorPredictions predictions) =>
        predictions.Predicted.Select((p, i) => new DetectionImage(predictions.Truth[i], p)).ToArray();

    static DetectorPredictions Rescale(DetectorPredictions p, int size)
    {
        double s = (double)size / p.CacheSize;
        return p with
        {
            CacheSize = size,
            Predicted = p.Predicted.Select(l => (IReadOnlyList<DetectedBox>)l.Select(d => d with { Box = d.Box.Scale(s, s) }).ToArray()).ToArray(),
            Truth = p.Truth.Select(l => (IReadOnlyList<LabeledBox>)l.Select(t => t with { Box = t.Box.Scale(s, s) }).ToArray()).ToArray(),
        };
    }

    static void WriteOverlays(string folder, Dataset dataset, DetectorPredictions predictions, int size, double minScore)
    {
        Directory.CreateDirectory(folder);
        using var cache = PreparedCache.Open(dataset, size);
        var chosen = Enumerable.Range(0, predictions.Images.Count).OrderBy(i => predictions.Truth[i].Count == 0 ? 1 : 0).Take(Overlays);
        foreach (int i in chosen)
        {
            var image = predictions.Images[i];
            var shown = predictions.Predicted[i].Where(d => d.Score >= minScore).ToArray();
            string safe = new(image.Id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
            DetectionOverlay.Write(Path.Combine(folder, Path.GetFileNameWithoutExtension(safe) + ".png"), cache.ToImage(cache.RowOf(image.Id)),
                predictions.Truth[i], shown, predictions.Classes, $"{image.Id}: green truth, red predicted (score >= {minScore:0.##})");
        }
    }
}
