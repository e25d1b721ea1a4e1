using SkiaSharp;

namespace XraySynth.Report;

/// <summary>Text and image drawing shared by the Skia-composed report figures (sample grids, GAN progression).</summary>
static class FigureText
{
    /// <summary>A font of <paramref name="size"/> pixels in the default typeface.</summary>
    public static SKFont Font(float size) => new(SKTypeface.Default, size);

    /// <summary>Black anti-aliased fill for text.</summary>
    public static SKPaint Ink() => new() { Color = SKColors.Black, IsAntialias = true };

    /// <summary>Draws <paramref name="text"/> with its baseline at <paramref name="y"/>, aligned to <paramref name="x"/> as <paramref name="align"/> says.</summary>
    public static void Draw(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKPaint ink) =>
        canvas.DrawText(text, x, y, align, font, ink);

    /// <summary>Draws <paramref name="text"/> vertically centred on <paramref name="centreY"/>.</summary>
    public static void DrawCentredVertically(SKCanvas canvas, string text, float x, float centreY, SKTextAlign align, SKFont font, SKPaint ink)
    {
        font.MeasureText(text, out SKRect bounds);
        canvas.DrawText(text, x, centreY - bounds.MidY, align, font, ink);
    }

    /// <summary>Draws <paramref name="image"/> scaled to fit inside <paramref name="box"/> (aspect kept, centred) on a black background.</summary>
    public static void DrawFitted(SKCanvas canvas, SKImage image, SKRect box, bool nearest = false)
    {
        using var black = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill };
        canvas.DrawRect(box, black);
        float scale = Math.Min(box.Width / image.Width, box.Height / image.Height);
        float w = image.Width * scale, h = image.Height * scale;
        var destination = SKRect.Create(box.MidX - w / 2, box.MidY - h / 2, w, h);
        var sampling = nearest ? new SKSamplingOptions(SKFilterMode.Nearest) : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        canvas.DrawImage(image, destination, sampling);
    }
}
