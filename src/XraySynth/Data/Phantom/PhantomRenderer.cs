using XraySynth.Data.Images;

namespace XraySynth.Data.Phantom;

/// <summary>Paints a scene into an 8-bit image and measures each lesion's ground-truth box from what was painted.</summary>
public static class PhantomRenderer
{
    /// <summary>The image of <paramref name="scene"/> and one box per visible lesion (a lesion that shows nowhere gets none).</summary>
    public static PhantomRendering Render(PhantomScene scene)
    {
        int n = scene.Size;
        var anatomy = scene.Anatomy;
        foreach (var lesion in scene.Lesions) anatomy = lesion.Reshape(anatomy);
        var painter = new AnatomyPainter(anatomy, n, scene.RibContrast, scene.Female);
        var noise = new Random(scene.NoiseSeed);
        var shading = new ValueNoise(noise, 3);
        var lesions = scene.Lesions;
        var extents = lesions.Select(_ => new float[n * n]).ToArray();
        var pixels = new byte[n * n];
        var exposure = scene.Exposure;
        float sigma = (float)(exposure.Noise * Math.Sqrt(6)); // (U1 + U2 - 1) has standard deviation 1/√6
        byte[] grays = exposure.GrayTable();
        var m = scene.Pose.Inverse();

        for (int py = 0; py < n; py++)
        {
            double y = (py + 0.5) / n * 2 - 1;
            for (int px = 0; px < n; px++)
            {
                double x = (px + 0.5) / n * 2 - 1;
                double u = m.A * x + m.B * y + m.C, v = m.D * x + m.E * y + m.F;
                float d = painter.Evaluate(u, v, out var point);
                int index = py * n + px;
                for (int i = 0; i < lesions.Count; i++)
                {
                    if (!lesions[i].Reaches(u, v)) continue;
                    float delta = lesions[i].Delta(u, v, point);
                    d += delta;
                    extents[i][index] = lesions[i].Extent(u, v, point, delta);
                }
                d += (float)((shading.At(x, y) - 0.5) * 2 * exposure.Shading);
                d += sigma * (float)(noise.NextDouble() + noise.NextDouble() - 1);
                pixels[index] = exposure.ToGray(d, grays);
            }
        }

        var boxes = new List<PhantomBox>(lesions.Count);
        for (int i = 0; i < lesions.Count; i++)
            if (Box(extents[i], n, lesions[i].BoxThreshold) is { } box)
                boxes.Add(box with { Finding = lesions[i].Finding });
        return new PhantomRendering(new GrayImage(n, n, pixels), boxes);
    }

    /// <summary>Bounding box of the pixels whose extent is at least <paramref name="threshold"/> of the largest; null if none.</summary>
    static PhantomBox? Box(float[] extent, int n, double threshold)
    {
        float max = 0;
        foreach (float e in extent) max = Math.Max(max, e);
        if (max <= 1e-4f) return null;
        float cut = (float)(threshold * max);
        int x0 = n, y0 = n, x1 = -1, y1 = -1;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                if (extent[y * n + x] < cut) continue;
                x0 = Math.Min(x0, x); x1 = Math.Max(x1, x);
                y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
            }
        return new PhantomBox(default, x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
