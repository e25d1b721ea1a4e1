using XraySynth.Detect.Boxes;
using XraySynth.Detect.Networks;
using static TorchSharp.torch;

namespace XraySynth.Detect.Training;

/// <summary>
/// CenterNet training targets for a batch (host arrays, turned into tensors by <see cref="ToTensors"/>): per class a
/// heatmap with a Gaussian at every box centre's cell (peak exactly 1, radius from CenterNet's <c>gaussian_radius</c>
/// at overlap 0.7, σ = diameter / 6; overlapping Gaussians take the max), and at each centre cell the log box size in
/// cells and the centre's sub-cell offset, with a mask marking those cells.
/// </summary>
public sealed class CenterNetTargets
{
    /// <summary>Heatmaps <c>[N, C, g, g]</c>.</summary>
    public float[] Heatmap { get; }
    /// <summary>Log width and height in cells <c>[N, 2, g, g]</c> (0 off-centre).</summary>
    public float[] Size { get; }
    /// <summary>Centre offset in cells <c>[N, 2, g, g]</c> (0 off-centre).</summary>
    public float[] Offset { get; }
    /// <summary>1 at centre cells <c>[N, 1, g, g]</c>.</summary>
    public float[] Mask { get; }
    /// <summary>Images.</summary>
    public int Count { get; }
    /// <summary>Classes.</summary>
    public int Classes { get; }
    /// <summary>Side of the maps (input / stride).</summary>
    public int Grid { get; }

    /// <summary>Builds the targets for <paramref name="boxes"/> (per image, in input pixels) at input size <paramref name="inputSize"/>.</summary>
    public CenterNetTargets(IReadOnlyList<IReadOnlyList<LabeledBox>> boxes, int classes, int inputSize)
    {
        Count = boxes.Count; Classes = classes; Grid = inputSize / CenterNetDetector.Stride;
        int g = Grid;
        Heatmap = new float[Count * classes * g * g];
        Size = new float[Count * 2 * g * g];
        Offset = new float[Count * 2 * g * g];
        Mask = new float[Count * g * g];
        for (int i = 0; i < Count; i++)
        {
            foreach (var (box, cls) in boxes[i])
            {
                if ((uint)cls >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(boxes), $"class {cls} of {classes}");
                if (box.IsEmpty) continue;
                double cx = box.CenterX / CenterNetDetector.Stride, cy = box.CenterY / CenterNetDetector.Stride;
                double w = box.Width / CenterNetDetector.Stride, h = box.Height / CenterNetDetector.Stride;
                int ix = Math.Clamp((int)Math.Floor(cx), 0, g - 1), iy = Math.Clamp((int)Math.Floor(cy), 0, g - 1);
                int radius = Math.Max(0, (int)GaussianRadius(h, w));
                DrawGaussian(Heatmap.AsSpan((i * classes + cls) * g * g, g * g), g, ix, iy, radius);
                int cell = iy * g + ix;
                Size[(i * 2) * g * g + cell] = (float)Math.Log(Math.Max(w, 1e-2));
                Size[(i * 2 + 1) * g * g + cell] = (float)Math.Log(Math.Max(h, 1e-2));
                Offset[(i * 2) * g * g + cell] = (float)(cx - ix);
                Offset[(i * 2 + 1) * g * g + cell] = (float)(cy - iy);
                Mask[i * g * g + cell] = 1;
            }
        }
    }

    /// <summary>The targets as tensors on <paramref name="device"/>: heatmap, size, offset, mask.</summary>
    public (Tensor Heatmap, Tensor Size, Tensor Offset, Tensor Mask) ToTensors(Device device) =>
        (ToDevice(Heatmap, [Count, Classes, Grid, Grid], device), ToDevice(Size, [Count, 2, Grid, Grid], device),
         ToDevice(Offset, [Count, 2, Grid, Grid], device), ToDevice(Mask, [Count, 1, Grid, Grid], device));

    static Tensor ToDevice(float[] values, long[] shape, Device device)
    {
        using var host = tensor(values, shape);
        return Torch.HostToDevice.Copy(host, device);
    }

    /// <summary>CenterNet's radius (in cells) within which a shifted box of <paramref name="height"/> × <paramref name="width"/> keeps IoU ≥ <paramref name="minOverlap"/> (its published form).</summary>
    public static double GaussianRadius(double height, double width, double minOverlap = 0.7)
    {
        double b1 = height + width, c1 = width * height * (1 - minOverlap) / (1 + minOverlap);
        double r1 = (b1 + Math.Sqrt(b1 * b1 - 4 * c1)) / 2;
        double b2 = 2 * (height + width), c2 = (1 - minOverlap) * width * height;
        double r2 = (b2 + Math.Sqrt(b2 * b2 - 16 * c2)) / 2;
        double a3 = 4 * minOverlap, b3 = -2 * minOverlap * (height + width), c3 = (minOverlap - 1) * width * height;
        double r3 = (b3 + Math.Sqrt(b3 * b3 - 4 * a3 * c3)) / 2;
        return Math.Min(r1, Math.Min(r2, r3));
    }

    static void DrawGaussian(Span<float> map, int g, int cx, int cy, int radius)
    {
        double sigma = (2 * radius + 1) / 6.0;
        for (int y = Math.Max(0, cy - radius); y <= Math.Min(g - 1, cy + radius); y++)
            for (int x = Math.Max(0, cx - radius); x <= Math.Min(g - 1, cx + radius); x++)
            {
                int dx = x - cx, dy = y - cy;
                float v = (float)Math.Exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                if (v > map[y * g + x]) map[y * g + x] = v;
            }
    }
}
