namespace XraySynth.Data.Images;

/// <summary>
/// Area-averaging (box-filter, antialiased) resize: each output pixel is the mean of the input area it covers,
/// with fractional edge weights. Separable; the weights per axis are computed once per size pair.
/// </summary>
public static class AreaResize
{
    /// <summary>Resizes <paramref name="source"/> to <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static GrayImage Resize(GrayImage source, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"target size {width}x{height}");
        if (source.Width == width && source.Height == height) return new GrayImage(width, height, (byte[])source.Pixels.Clone());
        if (source.Width % width == 0 && source.Height % height == 0) return IntegerFactor(source, width, height);
        var xs = Weights(source.Width, width);
        var ys = Weights(source.Height, height);

        // Horizontal pass: rows of the source → intermediate [source.Height × width] in float.
        var horizontal = new float[source.Height * width];
        for (int y = 0; y < source.Height; y++)
        {
            int row = y * source.Width;
            for (int x = 0; x < width; x++)
            {
                var (start, w) = xs[x];
                float sum = 0;
                for (int k = 0; k < w.Length; k++) sum += w[k] * source.Pixels[row + start + k];
                horizontal[y * width + x] = sum;
            }
        }
        // Vertical pass.
        var result = new byte[width * height];
        var column = new float[width];
        for (int y = 0; y < height; y++)
        {
            var (start, w) = ys[y];
            Array.Clear(column);
            for (int k = 0; k < w.Length; k++)
            {
                int row = (start + k) * width;
                float wk = w[k];
                for (int x = 0; x < width; x++) column[x] += wk * horizontal[row + x];
            }
            for (int x = 0; x < width; x++) result[y * width + x] = (byte)Math.Clamp(MathF.Round(column[x]), 0, 255);
        }
        return new GrayImage(width, height, result);
    }

    /// <summary>
    /// Exact fast path for whole-number factors (1024 → 256): integer sums of kx × ky blocks, rounded half up.
    /// Gives the same means as the weighted path without float weights (1.5× faster measured under load).
    /// </summary>
    static GrayImage IntegerFactor(GrayImage source, int width, int height)
    {
        int kx = source.Width / width, ky = source.Height / height, n = kx * ky;
        var result = new byte[width * height];
        var sums = new int[width];
        ReadOnlySpan<byte> pixels = source.Pixels;
        for (int y = 0; y < height; y++)
        {
            Array.Clear(sums);
            for (int dy = 0; dy < ky; dy++)
            {
                ReadOnlySpan<byte> row = pixels.Slice((y * ky + dy) * source.Width, source.Width);
                for (int x = 0, i = 0; x < width; x++)
                {
                    int sum = 0;
                    for (int dx = 0; dx < kx; dx++, i++) sum += row[i];
                    sums[x] += sum;
                }
            }
            for (int x = 0; x < width; x++) result[y * width + x] = (byte)((sums[x] + n / 2) / n);
        }
        return new GrayImage(width, height, result);
    }

    /// <summary>Per output index: first input index and normalized weights of the inputs it covers.</summary>
    static (int Start, float[] Weights)[] Weights(int inputSize, int outputSize)
    {
        var table = new (int, float[])[outputSize];
        double scale = (double)inputSize / outputSize;
        for (int o = 0; o < outputSize; o++)
        {
            double from = o * scale, to = (o + 1) * scale;
            if (scale < 1)
            {
                // Upscaling: linear interpolation between the two nearest input pixels (area weights degenerate).
                double center = (o + 0.5) * scale - 0.5;
                int left = Math.Clamp((int)Math.Floor(center), 0, inputSize - 1);
                int right = Math.Min(left + 1, inputSize - 1);
                float t = (float)Math.Clamp(center - left, 0, 1);
                table[o] = right == left ? (left, new[] { 1f }) : (left, new[] { 1 - t, t });
                continue;
            }
            int first = (int)Math.Floor(from);
            int last = Math.Min((int)Math.Ceiling(to) - 1, inputSize - 1);
            var w = new float[last - first + 1];
            for (int i = first; i <= last; i++)
                w[i - first] = (float)((Math.Min(to, i + 1) - Math.Max(from, i)) / scale);
            table[o] = (first, w);
        }
        return table;
    }
}
