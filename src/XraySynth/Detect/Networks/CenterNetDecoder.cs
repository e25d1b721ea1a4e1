using XraySynth.Detect.Boxes;
using static TorchSharp.torch;

namespace XraySynth.Detect.Networks;

/// <summary>
/// Turns CenterNet maps into boxes: sigmoid heatmap, keep cells that equal the 3×3 max around them (the peak test
/// that replaces most of NMS), the <c>TopK</c> peaks over all classes and cells, each read with its size and offset,
/// then scores below <c>MinScore</c> dropped and a per-class NMS. Boxes are in input pixels, clipped to the input.
/// </summary>
public static class CenterNetDecoder
{
    /// <summary>Decodes a batch: one list of boxes per image, by descending score.</summary>
    /// <param name="outputs">The detector's maps.</param>
    /// <param name="inputSize">Side of the (square) input in pixels.</param>
    /// <param name="topK">Peaks read per image.</param>
    /// <param name="minScore">Lowest score kept.</param>
    /// <param name="nmsIou">IoU above which a lower-scoring box of the same class is dropped.</param>
    public static List<DetectedBox>[] Decode(DetectorOutputs outputs, int inputSize, int topK = 100, double minScore = 0.01, double nmsIou = 0.5)
    {
        using var scope = NewDisposeScope();
        long n = outputs.Heatmap.shape[0], classes = outputs.Heatmap.shape[1], h = outputs.Heatmap.shape[2], w = outputs.Heatmap.shape[3];
        var heat = outputs.Heatmap.detach().to_type(ScalarType.Float32).sigmoid();                                    // [N, C, h, w]
        var peaks = nn.functional.max_pool2d(heat, new long[] { 3, 3 }, new long[] { 1, 1 }, new long[] { 1, 1 });
        heat = heat * peaks.eq(heat);
        int k = (int)Math.Min(topK, classes * h * w);
        var (scores, indices) = heat.reshape(n, -1).topk(k);                                                          // [N, K]
        var cells = indices.remainder(h * w);                                                                         // [N, K]
        var gatherIndex = cells.unsqueeze(1).expand(n, 2, k);
        var sizes = outputs.Size.detach().to_type(ScalarType.Float32).reshape(n, 2, -1).gather(2, gatherIndex);       // [N, 2, K]
        var offsets = outputs.Offset.detach().to_type(ScalarType.Float32).reshape(n, 2, -1).gather(2, gatherIndex);   // [N, 2, K]

        float[] s = scores.cpu().data<float>().ToArray();
        long[] idx = indices.cpu().data<long>().ToArray();
        float[] sz = sizes.cpu().data<float>().ToArray();
        float[] off = offsets.cpu().data<float>().ToArray();
        var result = new List<DetectedBox>[n];
        for (int i = 0; i < n; i++)
        {
            var boxes = new List<DetectedBox>();
            for (int j = 0; j < k; j++)
            {
                float score = s[i * k + j];
                if (score < minScore) break; // topk is sorted
                long index = idx[i * k + j];
                int cls = (int)(index / (h * w));
                long cell = index % (h * w);
                double cx = (cell % w + off[(i * 2) * k + j]) * CenterNetDetector.Stride;
                double cy = (cell / w + off[(i * 2 + 1) * k + j]) * CenterNetDetector.Stride;
                double bw = Math.Exp(Math.Min(sz[(i * 2) * k + j], 10)) * CenterNetDetector.Stride;
                double bh = Math.Exp(Math.Min(sz[(i * 2 + 1) * k + j], 10)) * CenterNetDetector.Stride;
                var box = Box.FromCenter(cx, cy, bw, bh).Clip(inputSize, inputSize);
                if (!box.IsEmpty) boxes.Add(new DetectedBox(box, cls, score));
            }
            result[i] = Nms.Apply(boxes, nmsIou);
        }
        return result;
    }
}
