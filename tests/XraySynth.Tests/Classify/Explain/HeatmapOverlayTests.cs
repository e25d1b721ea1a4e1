using SkiaSharp;
using XraySynth.Classify.Explain;
using XraySynth.Data.Images;

namespace XraySynth.Tests.Classify.Explain;

public sealed class HeatmapOverlayTests
{
    static GrayImage Ramp(int width, int height)
    {
        var image = new GrayImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = (byte)(255 * x / (width - 1));
        return image;
    }

    static float[,] Spot(int width, int height, int cx, int cy, int radius)
    {
        var cam = new float[height, width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                cam[y, x] = Math.Max(0, 1 - MathF.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / radius);
        return cam;
    }

    [Fact]
    public void The_png_decodes_to_the_image_size_plus_the_colorbar_strip()
    {
        var png = HeatmapOverlay.Render(Ramp(64, 48), Spot(64, 48, 20, 20, 10));
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(64 + HeatmapOverlay.StripWidth(64), bitmap.Width);
        Assert.Equal(48, bitmap.Height);
        Assert.True(HeatmapOverlay.StripWidth(64) >= 6);
    }

    [Fact]
    public void Pixels_stay_gray_where_the_cam_is_zero_and_are_tinted_where_it_is_high()
    {
        var xray = Ramp(64, 48);
        using var bitmap = SKBitmap.Decode(HeatmapOverlay.Render(xray, Spot(64, 48, 20, 20, 10)));

        SKColor far = bitmap.GetPixel(50, 40);                                   // CAM 0
        Assert.Equal((xray[50, 40], xray[50, 40], xray[50, 40]), (far.Red, far.Green, far.Blue));

        SKColor hot = bitmap.GetPixel(20, 20);                                   // CAM 1: 40 % dark red over gray
        byte gray = xray[20, 20];
        Assert.Equal(gray + 0.4 * (127.5 - gray), hot.Red, 1.0);
        Assert.Equal(0.6 * gray, hot.Green, 1.0);
        Assert.Equal(0.6 * gray, hot.Blue, 1.0);
    }

    [Fact]
    public void The_colorbar_runs_from_hot_at_the_top_to_cold_at_the_bottom()
    {
        using var bitmap = SKBitmap.Decode(HeatmapOverlay.Render(Ramp(64, 48), new float[48, 64]));
        int barX = bitmap.Width - 2;
        SKColor top = bitmap.GetPixel(barX, 0), bottom = bitmap.GetPixel(barX, 47), gap = bitmap.GetPixel(64, 20);
        Assert.True(top.Red > 100 && top.Blue == 0, $"top of the bar {top}");
        Assert.True(bottom.Blue > 100 && bottom.Red == 0, $"bottom of the bar {bottom}");
        Assert.Equal(SKColors.Black, gap);
    }

    [Fact]
    public void A_smaller_cam_is_resampled_to_the_image_and_nan_counts_as_zero()
    {
        var cam = new float[2, 2] { { 1, 0 }, { 0, float.NaN } };
        var xray = Ramp(32, 32);
        using var bitmap = SKBitmap.Decode(HeatmapOverlay.Render(xray, cam));
        Assert.Equal(32 + HeatmapOverlay.StripWidth(32), bitmap.Width);
        SKColor corner = bitmap.GetPixel(0, 0), opposite = bitmap.GetPixel(31, 31);
        Assert.NotEqual(corner.Red, corner.Blue);                                // tinted
        Assert.Equal((xray[31, 31], xray[31, 31]), (opposite.Red, opposite.Blue)); // NaN → 0 → gray
    }
}
