using System.Globalization;
using SkiaSharp;
using XraySynth.Common;
using XraySynth.Data.Images;
using XraySynth.Detect.Boxes;

namespace XraySynth.Detect.Evaluation;

/// <summary>
/// A PNG of one image with its boxes: ground truth in green, predictions in red with "label score". The image is
/// scaled up (nearest) to at least <c>minimumSide</c> pixels so small inputs stay readable.
/// </summary>
public static class DetectionOverlay
{
    /// <summary>Writes the overlay of <paramref name="image"/> (boxes in its pixels) to <paramref name="path"/>.</summary>
    public static void Write(string path, GrayImage image, IReadOnlyList<LabeledBox> truth, IReadOnlyList<DetectedBox> predicted,
        IReadOnlyList<string> classes, string caption, int minimumSide = 384)
    {
        float scale = Math.Max(1, minimumSide / (float)Math.Max(image.Width, image.Height));
        int width = (int)Math.Round(image.Width * scale), height = (int)Math.Round(image.Height * scale) + 20;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);
        using (var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque)))
        {
            System.Runtime.InteropServices.Marshal.Copy(image.Pixels, 0, bitmap.GetPixels(), image.Pixels.Length);
            using var picture = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(picture, new SKRect(0, 20, width, height), new SKSamplingOptions(SKFilterMode.Nearest));
        }
        using var font = new SKFont(SKTypeface.Default, 12);
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawText(caption, 4, 14, font, white);
        using var green = new SKPaint { Color = new SKColor(40, 220, 60), Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
        using var red = new SKPaint { Color = new SKColor(240, 40, 40), Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
        using var redText = new SKPaint { Color = new SKColor(255, 90, 90), IsAntialias = true };
        using var greenText = new SKPaint { Color = new SKColor(90, 240, 110), IsAntialias = true };
        SKRect Rect(Box b) => new((float)b.X0 * scale, (float)b.Y0 * scale + 20, (float)b.X1 * scale, (float)b.Y1 * scale + 20);
        foreach (var t in truth)
        {
            var r = Rect(t.Box);
            canvas.DrawRect(r, green);
            canvas.DrawText(classes[t.Class], r.Left + 2, r.Bottom - 3, font, greenText);
        }
        foreach (var d in predicted)
        {
            var r = Rect(d.Box);
            canvas.DrawRect(r, red);
            canvas.DrawText($"{classes[d.Class]} {d.Score.ToString("0.00", CultureInfo.InvariantCulture)}", r.Left + 2, Math.Max(32, r.Top - 3), font, redText);
        }
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteBinary(path, s => data.SaveTo(s));
    }
}
