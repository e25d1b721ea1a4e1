namespace XraySynth.Evaluate.Detection;

/// <summary>
/// COCO average precision (pycocotools' <c>COCOeval</c>): precision made monotone from the right (the envelope), read
/// at the 101 recall levels 0, 0.01, …, 1 (the first detection whose recall reaches the level; 0 when none does) and
/// averaged. AP@0.5 matches at IoU ≥ 0.5; AP@[.5:.95] averages AP over the IoU thresholds 0.50, 0.55, …, 0.95.
/// NaN when the class has no ground-truth box (COCO's −1).
/// </summary>
/// <remarks>
/// The recall levels and IoU thresholds are the doubles pycocotools gets from <c>np.linspace</c> (<c>i * step + start</c>),
/// not the nearest doubles to the decimals: the 0.90 threshold is 0.8999999999999999, and ten recall levels lie one ulp
/// above their decimal (0.35, 0.41, 0.47, 0.57, 0.69, 0.70, 0.82, 0.83, 0.94, 0.95), so a recall of exactly 57/100 does
/// not reach level 0.57 there. Both decide real cases (a recall of 7 boxes out of 10, an IoU computed as 0.8999999999999999),
/// so they are copied. What is left differs in the last bits only: pycocotools divides by <c>tp + fp + np.spacing(1)</c>
/// (a precision of 1/1 reads 1 − 2⁻⁵², so one perfect detection scores 0.9999999999999999 there), averages with numpy's
/// summation order, and takes IoUs of x, y, w, h boxes where <see cref="Detect.Boxes.Box"/> keeps corners (the same
/// doubles for a box made by <see cref="Detect.Boxes.Box.FromXywh"/>). CocoReferenceTests (test project) checks
/// everything else against a numpy port of pycocotools to 1e-12.
/// </remarks>
public static class AveragePrecision
{
    /// <summary>The ten COCO IoU thresholds 0.50 … 0.95.</summary>
    public static IReadOnlyList<double> CocoThresholds { get; } = Linspace(0.5, 0.95, 10);

    /// <summary>Number of recall levels of the interpolation.</summary>
    public const int RecallLevels = 101;

    /// <summary>The recall levels 0, 0.01, …, 1 as pycocotools' <c>np.linspace(.0, 1.00, 101)</c> computes them.</summary>
    public static IReadOnlyList<double> RecallThresholds { get; } = Linspace(0, 1, RecallLevels);

    /// <summary>numpy's <c>linspace(start, stop, count)</c>: <c>i * ((stop − start) / (count − 1)) + start</c>, the last one exactly <c>stop</c>.</summary>
    static double[] Linspace(double start, double stop, int count)
    {
        double step = (stop - start) / (count - 1);
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = i * step + start;
        values[^1] = stop;
        return values;
    }

    /// <summary>AP of class <paramref name="classIndex"/> at one IoU threshold.</summary>
    public static double Compute(IReadOnlyList<DetectionImage> images, int classIndex, double iouThreshold = 0.5) =>
        FromHits(ClassHits.Match(images, classIndex, iouThreshold));

    /// <summary>AP@[.5:.95] of class <paramref name="classIndex"/>.</summary>
    public static double CocoRange(IReadOnlyList<DetectionImage> images, int classIndex) =>
        CocoThresholds.Average(t => Compute(images, classIndex, t));

    /// <summary>AP of matched hits, each image counted <c>weights[image]</c> times (once when null).</summary>
    public static double FromHits(ClassHits hits, int[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(hits);
        long truth = hits.TruthCount(weights);
        if (truth == 0) return double.NaN;
        // Cumulative precision and recall, one operating point per detection (a detection drawn k times counts k times).
        var recall = new List<double>(hits.Scores.Length);
        var precision = new List<double>(hits.Scores.Length);
        long tp = 0, fp = 0;
        for (int d = 0; d < hits.Scores.Length; d++)
        {
            int w = ClassHits.Weight(weights, hits.Image[d]);
            if (w == 0) continue;
            if (hits.TruePositive[d]) tp += w; else fp += w;
            recall.Add((double)tp / truth);
            precision.Add((double)tp / (tp + fp));
        }
        for (int i = precision.Count - 1; i > 0; i--) precision[i - 1] = Math.Max(precision[i - 1], precision[i]);
        double sum = 0;
        int first = 0;
        for (int r = 0; r < RecallLevels; r++)
        {
            double level = RecallThresholds[r];
            while (first < recall.Count && recall[first] < level) first++;
            if (first < recall.Count) sum += precision[first];
        }
        return sum / RecallLevels;
    }

    /// <summary>AP@[.5:.95] of hits matched at each of <see cref="CocoThresholds"/> (in that order).</summary>
    public static double CocoRange(IReadOnlyList<ClassHits> hitsPerThreshold, int[]? weights = null)
    {
        if (hitsPerThreshold.Count != CocoThresholds.Count) throw new ArgumentException($"expected hits at {CocoThresholds.Count} thresholds, got {hitsPerThreshold.Count}", nameof(hitsPerThreshold));
        return hitsPerThreshold.Average(h => FromHits(h, weights));
    }
}
