namespace XraySynth.Evaluate.Detection;

/// <summary>
/// Free-response ROC: lesion sensitivity (matched ground-truth boxes / all boxes) against the mean number of false
/// positives per image, as the score threshold falls. Detections are matched as for AP (<see cref="ClassHits"/>;
/// a second hit on a lesion is a false positive). The sensitivity at a rate <c>f</c> is the highest sensitivity of
/// any threshold whose false positives per image do not exceed <c>f</c> (no interpolation); tied scores form one
/// threshold. The CPM score (the lesion-detection standard, as in LUNA16) is the mean sensitivity at 1/8 … 8 FP/image.
/// NaN when there is no ground-truth box.
/// </summary>
public static class Froc
{
    /// <summary>The standard false-positive rates: 1/8, 1/4, 1/2, 1, 2, 4 and 8 per image.</summary>
    public static IReadOnlyList<double> StandardRates { get; } = [0.125, 0.25, 0.5, 1, 2, 4, 8];

    /// <summary>Sensitivity at each rate of <paramref name="rates"/> (default <see cref="StandardRates"/>) for class <paramref name="classIndex"/>.</summary>
    public static double[] Sensitivities(IReadOnlyList<DetectionImage> images, int classIndex, double iouThreshold = 0.5, IReadOnlyList<double>? rates = null) =>
        FromHits(ClassHits.Match(images, classIndex, iouThreshold), rates);

    /// <summary>The CPM score: mean sensitivity at <see cref="StandardRates"/>.</summary>
    public static double Cpm(IReadOnlyList<DetectionImage> images, int classIndex, double iouThreshold = 0.5) =>
        Sensitivities(images, classIndex, iouThreshold).Average();

    /// <summary>Sensitivities at <paramref name="rates"/> from matched hits, images weighted as in <see cref="AveragePrecision.FromHits"/>.</summary>
    public static double[] FromHits(ClassHits hits, IReadOnlyList<double>? rates = null, int[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(hits);
        rates ??= StandardRates;
        long truth = hits.TruthCount(weights);
        double images = hits.WeightedImageCount(weights);
        var result = new double[rates.Count];
        if (truth == 0 || images == 0) { Array.Fill(result, double.NaN); return result; }
        // Operating points: (FP per image, sensitivity) after each group of tied scores; the strictest threshold gives (0, 0).
        var points = new List<(double Fp, double Sensitivity)> { (0, 0) };
        long tp = 0, fp = 0;
        for (int d = 0; d < hits.Scores.Length; d++)
        {
            int w = ClassHits.Weight(weights, hits.Image[d]);
            if (hits.TruePositive[d]) tp += w; else fp += w;
            bool lastOfTie = d + 1 == hits.Scores.Length || hits.Scores[d + 1] != hits.Scores[d];
            if (lastOfTie) points.Add((fp / images, (double)tp / truth));
        }
        for (int r = 0; r < rates.Count; r++)
            result[r] = points.Where(p => p.Fp <= rates[r]).Max(p => p.Sensitivity);
        return result;
    }
}
