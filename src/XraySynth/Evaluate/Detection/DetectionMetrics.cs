namespace XraySynth.Evaluate.Detection;

/// <summary>One point of a FROC curve with its CI.</summary>
/// <param name="FalsePositivesPerImage">The rate (1/8 … 8).</param>
/// <param name="Sensitivity">Lesion sensitivity at that rate.</param>
public sealed record FrocPoint(double FalsePositivesPerImage, BootstrapCi Sensitivity);

/// <summary>Detection metrics of one class (or their mean over classes), each with a patient-bootstrap CI.</summary>
/// <param name="Label">Class name, or "mean".</param>
/// <param name="TruthBoxes">Ground-truth boxes of the class in the evaluated images (all classes for the mean).</param>
/// <param name="Ap50">AP at IoU 0.5 (COCO 101-point).</param>
/// <param name="Ap">AP@[.5:.95].</param>
/// <param name="Cpm">Mean FROC sensitivity at 1/8 … 8 FP/image.</param>
/// <param name="Froc">Sensitivity at each standard rate.</param>
public sealed record ClassDetectionMetrics(string Label, int TruthBoxes, BootstrapCi Ap50, BootstrapCi Ap, BootstrapCi Cpm, IReadOnlyList<FrocPoint> Froc);

/// <summary>Per-class metrics and their mean over classes.</summary>
/// <param name="Classes">One row per class, in class order.</param>
/// <param name="Mean">The mean over classes that have ground truth (in each replicate, over those that have it there).</param>
/// <param name="Images">Images evaluated.</param>
/// <param name="FrocIou">IoU a FROC hit needs.</param>
public sealed record DetectionMetricsResult(IReadOnlyList<ClassDetectionMetrics> Classes, ClassDetectionMetrics Mean, int Images, double FrocIou);

/// <summary>
/// Computes AP@0.5, AP@[.5:.95], FROC and CPM per class and their means, with bootstrap CIs (percentile or BCa) that resample patients
/// (<see cref="PatientBootstrap"/>): a replicate reweights each image by how often its patient was drawn.
/// </summary>
public static class DetectionMetrics
{
    /// <summary>Evaluates <paramref name="images"/> (one patient id each) for the classes <paramref name="labels"/>.</summary>
    public static DetectionMetricsResult Evaluate(IReadOnlyList<DetectionImage> images, IReadOnlyList<string> labels, string[] patientIds,
        BootstrapOptions options, double frocIou = 0.5)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (patientIds.Length != images.Count) throw new ArgumentException($"{patientIds.Length} patient ids for {images.Count} images", nameof(patientIds));
        var statistics = ClassStatistics.For(images, labels.Count, frocIou);
        BootstrapCi Ci(Func<int[]?, double> statistic) =>
            PatientBootstrap.Ci(indices => statistic(ClassHits.WeightsOf(indices, images.Count)), patientIds, options);

        ClassDetectionMetrics Row(string label, int truth, Func<int[]?, double> ap50, Func<int[]?, double> ap, Func<int[]?, double[]> froc)
        {
            var points = Froc.StandardRates.Select((rate, r) => new FrocPoint(rate, Ci(w => froc(w)[r]))).ToArray();
            return new ClassDetectionMetrics(label, truth, Ci(ap50), Ci(ap), Ci(w => froc(w).Average()), points);
        }

        var rows = new List<ClassDetectionMetrics>();
        for (int c = 0; c < labels.Count; c++)
        {
            var s = statistics[c];
            rows.Add(Row(labels[c], (int)s.Hits[0].TruthCount(null), s.Ap50, s.Ap, s.Froc));
        }
        var mean = Row("mean", rows.Sum(r => r.TruthBoxes),
            w => FiniteMean(statistics.Select(s => s.Ap50(w))),
            w => FiniteMean(statistics.Select(s => s.Ap(w))),
            w =>
            {
                var perClass = statistics.Select(s => s.Froc(w)).ToArray();
                return Froc.StandardRates.Select((_, r) => FiniteMean(perClass.Select(p => p[r]))).ToArray();
            });
        return new DetectionMetricsResult(rows, mean, images.Count, frocIou);
    }

    /// <summary>Mean of the finite values; NaN when none is finite.</summary>
    public static double FiniteMean(IEnumerable<double> values)
    {
        double sum = 0;
        int n = 0;
        foreach (double v in values) if (double.IsFinite(v)) { sum += v; n++; }
        return n > 0 ? sum / n : double.NaN;
    }
}

/// <summary>One class's hits at the COCO thresholds and its statistics as functions of image weights.</summary>
sealed class ClassStatistics
{
    public required ClassHits[] Hits { get; init; }
    public required ClassHits FrocHits { get; init; }

    public double Ap50(int[]? weights) => AveragePrecision.FromHits(Hits[0], weights);
    public double Ap(int[]? weights) => AveragePrecision.CocoRange(Hits, weights);
    public double[] Froc(int[]? weights) => Evaluate.Detection.Froc.FromHits(FrocHits, null, weights);

    public static ClassStatistics[] For(IReadOnlyList<DetectionImage> images, int classes, double frocIou) =>
        Enumerable.Range(0, classes).Select(c =>
        {
            var hits = AveragePrecision.CocoThresholds.Select(t => ClassHits.Match(images, c, t)).ToArray();
            return new ClassStatistics { Hits = hits, FrocHits = frocIou == 0.5 ? hits[0] : ClassHits.Match(images, c, frocIou) };
        }).ToArray();
}
