namespace XraySynth.Detect.Boxes;

/// <summary>Greedy non-maximum suppression, per class: boxes of different classes never suppress each other.</summary>
public static class Nms
{
    /// <summary>
    /// Keeps, within each class, the highest-scoring box and drops every lower-scoring box whose IoU with a kept
    /// one exceeds <paramref name="iouThreshold"/>; repeats. Returns the kept boxes by descending score (ties keep
    /// input order), at most <paramref name="maxDetections"/> of them.
    /// </summary>
    public static List<DetectedBox> Apply(IReadOnlyList<DetectedBox> detections, double iouThreshold, int maxDetections = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(detections);
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "expected an IoU in [0, 1]");
        int[] order = Enumerable.Range(0, detections.Count).OrderByDescending(i => detections[i].Score).ToArray();
        var kept = new List<DetectedBox>();
        var suppressed = new bool[detections.Count];
        for (int a = 0; a < order.Length && kept.Count < maxDetections; a++)
        {
            if (suppressed[order[a]]) continue;
            var best = detections[order[a]];
            kept.Add(best);
            for (int b = a + 1; b < order.Length; b++)
            {
                var other = detections[order[b]];
                if (!suppressed[order[b]] && other.Class == best.Class && Box.Iou(best.Box, other.Box) > iouThreshold) suppressed[order[b]] = true;
            }
        }
        return kept;
    }
}
