namespace XraySynth.Evaluate.Detection;

/// <summary>The gain of detector B over detector A on one class (or their mean), B − A, with paired patient-bootstrap CIs.</summary>
/// <param name="Label">Class name, or "mean".</param>
/// <param name="Ap50Gain">AP@0.5 of B minus that of A.</param>
/// <param name="ApGain">AP@[.5:.95] of B minus that of A.</param>
/// <param name="CpmGain">CPM of B minus that of A.</param>
public sealed record ClassDetectionGain(string Label, BootstrapCi Ap50Gain, BootstrapCi ApGain, BootstrapCi CpmGain);

/// <summary>Paired comparison of two detectors on the same images: both are evaluated on the same resampled patients in every replicate.</summary>
public static class DetectionComparison
{
    /// <summary>
    /// Per-class and mean gains of <paramref name="imagesB"/> over <paramref name="imagesA"/>; the two lists hold the same
    /// images in the same order (same ground truth), with each detector's predictions.
    /// </summary>
    public static IReadOnlyList<ClassDetectionGain> Compare(IReadOnlyList<DetectionImage> imagesA, IReadOnlyList<DetectionImage> imagesB,
        IReadOnlyList<string> labels, string[] patientIds, BootstrapOptions options, double frocIou = 0.5)
    {
        if (imagesA.Count != imagesB.Count || patientIds.Length != imagesA.Count)
            throw new ArgumentException($"the runs were evaluated on different images ({imagesA.Count} vs {imagesB.Count}, {patientIds.Length} patient ids)");
        var a = ClassStatistics.For(imagesA, labels.Count, frocIou);
        var b = ClassStatistics.For(imagesB, labels.Count, frocIou);
        int n = imagesA.Count;
        BootstrapCi Gain(Func<int[]?, double> statisticA, Func<int[]?, double> statisticB) =>
            PatientBootstrap.Difference(i => statisticA(ClassHits.WeightsOf(i, n)), i => statisticB(ClassHits.WeightsOf(i, n)), patientIds, options);

        var gains = new List<ClassDetectionGain>();
        for (int c = 0; c < labels.Count; c++)
        {
            var (sa, sb) = (a[c], b[c]);
            gains.Add(new ClassDetectionGain(labels[c], Gain(sa.Ap50, sb.Ap50), Gain(sa.Ap, sb.Ap), Gain(w => sa.Froc(w).Average(), w => sb.Froc(w).Average())));
        }
        double Mean(ClassStatistics[] s, Func<ClassStatistics, double> f) => DetectionMetrics.FiniteMean(s.Select(f));
        gains.Add(new ClassDetectionGain("mean",
            Gain(w => Mean(a, s => s.Ap50(w)), w => Mean(b, s => s.Ap50(w))),
            Gain(w => Mean(a, s => s.Ap(w)), w => Mean(b, s => s.Ap(w))),
            Gain(w => Mean(a, s => s.Froc(w).Average()), w => Mean(b, s => s.Froc(w).Average()))));
        return gains;
    }
}
