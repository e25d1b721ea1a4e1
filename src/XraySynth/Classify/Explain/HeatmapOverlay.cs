using SkiaSharp;
using XraySynth.Data.Images;

namespace XraySynth.Classify.Explain;

/// <summary>
/// Renders a class activation map over its X-ray: the radiograph in gray, a jet colormap blended in with opacity
/// <c>MaxOpacity · cam</c> (so only high-CAM regions are tinted), and a colorbar strip (1 at the top, 0 at the bottom)
/// to the right of the image.
/// </summary>
public static class HeatmapOverlay
{
    /// <summary>Opacity of the colormap where the CAM is 1.</summary>
    public const float MaxOpacity = 0.4f;

    /// <summary>Width of the black gap plus colorbar appended to an image <paramref name="imageWidth"/> pixels wide.</summary>
    public static int StripWidth(int imageWidth) => Gap(imageWidth) + BarWidth(imageWidth);

    /// <summary>
    /// PNG bytes of <paramref name="xray"/> with <paramref name="cam"/> (values in [0, 1], indexed [row, column]) overlaid;
    /// the image is <c>xray.Width + StripWidth(xray.Width)</c> × <c>xray.Height</c>. A CAM of another size is resampled
    /// bilinearly; values outside [0, 1] are clamped and NaN counts as 0.
    /// </summary>
    public static byte[] Render(GrayImage xray, float[,] cam)
    {
        if (cam.GetLength(0) == 0 || cam.GetLength(1) == 0) throw new ArgumentException("the CAM is empty", nameof(cam));
        int width = xray.Width, height = xray.Height;
        int gap = Gap(width), outWidth = width + StripWidth(width);
        var rgba = new byte[outWidth * height * 4];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float t = Sample(cam, x, y, width, height);
                var (r, g, b) = Jet(t);
                float alpha = MaxOpacity * t, gray = xray[x, y];
                Set(rgba, outWidth, x, y, gray + alpha * (r - gray), gray + alpha * (g - gray), gray + alpha * (b - gray));
            }
            float level = height == 1 ? 1 : 1 - (float)y / (height - 1);             // top 1, bottom 0
            var (br, bg, bb) = Jet(level);
            for (int x = width; x < outWidth; x++)
            {
                bool bar = x >= width + gap;
                Set(rgba, outWidth, x, y, bar ? br : 0, bar ? bg : 0, bar ? bb : 0);
            }
        }
        return EncodePng(rgba, outWidth, height);
    }

    static int Gap(int imageWidth) => Math.Max(2, imageWidth / 64);

    static int BarWidth(int imageWidth) => Math.Max(6, imageWidth / 16);

    /// <summary>CAM value at image pixel (x, y): bilinear with pixel centres aligned (as <c>align_corners=false</c>).</summary>
    static float Sample(float[,] cam, int x, int y, int width, int height)
    {
        int rows = cam.GetLength(0), cols = cam.GetLength(1);
        if (rows == height && cols == width) return Clamp01(cam[y, x]);
        float fy = Math.Clamp((y + 0.5f) * rows / height - 0.5f, 0, rows - 1);
        float fx = Math.Clamp((x + 0.5f) * cols / width - 0.5f, 0, cols - 1);
        int y0 = (int)fy, x0 = (int)fx, y1 = Math.Min(y0 + 1, rows - 1), x1 = Math.Min(x0 + 1, cols - 1);
        float dy = fy - y0, dx = fx - x0;
        float top = Clamp01(cam[y0, x0]) * (1 - dx) + Clamp01(cam[y0, x1]) * dx;
        float bottom = Clamp01(cam[y1, x0]) * (1 - dx) + Clamp01(cam[y1, x1]) * dx;
        return top * (1 - dy) + bottom * dy;
    }

    static float Clamp01(float v) => float.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);

    /// <summary>The classic jet colormap (dark blue → cyan → yellow → dark red) in 0–255.</summary>
    static (float R, float G, float B) Jet(float t)
    {
        static float Channel(float v) => 255 * Math.Clamp(v, 0, 1);
        return (Channel(1.5f - Math.Abs(4 * t - 3)), Channel(1.5f - Math.Abs(4 * t - 2)), Channel(1.5f - Math.Abs(4 * t - 1)));
    }

    static void Set(byte[] rgba, int stride, int x, int y, float r, float g, float b)
    {
        int i = 4 * (y * stride + x);
        rgba[i] = (byte)Math.Round(Math.Clamp(r, 0, 255));
        rgba[i + 1] = (byte)Math.Round(Math.Clamp(g, 0, 255));
        rgba[i + 2] = (byte)Math.Round(Math.Clamp(b, 0, 255));
        rgba[i + 3] = 255;
    }

    static unsafe byte[] EncodePng(byte[] rgba, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        fixed (byte* p = rgba)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)p, width * 4);
            using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("PNG encoding failed");
            return data.ToArray();
        }
    }
}
