using XraySynth.Detect.Boxes;

namespace XraySynth.Evaluate.Detection;

/// <summary>
/// The detections of one class matched to its ground truth at one IoU threshold, COCO's way: within each image,
/// detections by descending score (at most <c>maxDetectionsPerImage</c>) each take the unmatched ground-truth box
/// they overlap most, if that IoU is at least the threshold (a true positive); otherwise, including a second hit on an
/// already matched box, they are false positives. Hits are then ordered by descending score over all images (ties:
/// image order, then score order within the image; both sorts are stable, as pycocotools' mergesort). On an IoU tie the
/// later ground-truth box wins, as in pycocotools. Matching is per image, so a bootstrap replicate that repeats
/// images only reweights hits: every metric here takes optional per-image weights (how often each image was drawn).
/// </summary>
public sealed class ClassHits
{
    /// <summary>Scores of the detections, descending.</summary>
    public double[] Scores { get; }
    /// <summary>Whether each detection matched a ground-truth box.</summary>
    public bool[] TruePositive { get; }
    /// <summary>The image (index in the evaluated list) of each detection.</summary>
    public int[] Image { get; }
    /// <summary>Ground-truth boxes of the class in each image.</summary>
    public int[] TruthPerImage { get; }
    /// <summary>Number of images.</summary>
    public int ImageCount => TruthPerImage.Length;

    ClassHits(double[] scores, bool[] truePositive, int[] image, int[] truthPerImage)
    {
        Scores = scores; TruePositive = truePositive; Image = image; TruthPerImage = truthPerImage;
    }

    /// <summary>Matches class <paramref name="classIndex"/> in every image at <paramref name="iouThreshold"/>.</summary>
    public static ClassHits Match(IReadOnlyList<DetectionImage> images, int classIndex, double iouThreshold, int maxDetectionsPerImage = 100)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (!(iouThreshold > 0 && iouThreshold <= 1)) throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "expected an IoU in (0, 1]");
        var hits = new List<(double Score, bool Tp, int Image, int Rank)>();
        var truthPerImage = new int[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            var truth = images[i].Truth.Where(t => t.Class == classIndex).Select(t => t.Box).ToArray();
            truthPerImage[i] = truth.Length;
            var predicted = images[i].Predicted.Where(d => d.Class == classIndex).OrderByDescending(d => d.Score).Take(maxDetectionsPerImage).ToArray();
            var matched = new bool[truth.Length];
            for (int d = 0; d < predicted.Length; d++)
            {
                int best = -1;
                double bestIou = Math.Min(iouThreshold, 1 - 1e-10); // pycocotools' min(t, 1 − 1e-10): a threshold of 1 accepts IoUs that round just below 1
                for (int g = 0; g < truth.Length; g++)
                {
                    if (matched[g]) continue;
                    double iou = Box.Iou(predicted[d].Box, truth[g]);
                    if (iou >= bestIou) { bestIou = iou; best = g; }
                }
                if (best >= 0) matched[best] = true;
                hits.Add((predicted[d].Score, best >= 0, i, d));
            }
        }
        var ordered = hits.OrderByDescending(h => h.Score).ThenBy(h => h.Image).ThenBy(h => h.Rank).ToArray();
        return new ClassHits(ordered.Select(h => h.Score).ToArray(), ordered.Select(h => h.Tp).ToArray(), ordered.Select(h => h.Image).ToArray(), truthPerImage);
    }

    /// <summary>Ground-truth boxes counted with the image weights (all weights 1 when null).</summary>
    public long TruthCount(int[]? weights)
    {
        long n = 0;
        for (int i = 0; i < TruthPerImage.Length; i++) n += (long)TruthPerImage[i] * Weight(weights, i);
        return n;
    }

    /// <summary>Images counted with the weights.</summary>
    public long WeightedImageCount(int[]? weights) => weights is null ? ImageCount : weights.Sum(w => (long)w);

    /// <summary>The weight of image <paramref name="image"/> (1 when <paramref name="weights"/> is null).</summary>
    public static int Weight(int[]? weights, int image) => weights is null ? 1 : weights[image];

    /// <summary>How often each of <paramref name="imageCount"/> images occurs in <paramref name="indices"/> (a bootstrap replicate).</summary>
    public static int[] WeightsOf(int[] indices, int imageCount)
    {
        var weights = new int[imageCount];
        foreach (int i in indices) weights[i]++;
        return weights;
    }
}
