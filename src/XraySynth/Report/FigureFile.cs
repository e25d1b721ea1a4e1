using ScottPlot;
using SkiaSharp;
using XraySynth.Common;

namespace XraySynth.Report;

/// <summary>
/// Saves a drawing twice from the same code: <c>STEM.png</c> (raster) and <c>STEM.svg</c> (Skia's SVG canvas: text as
/// SVG text, lines as paths, images as embedded <c>data:</c> PNGs), both atomically.
/// </summary>
public static class FigureFile
{
    /// <summary>Draws with <paramref name="draw"/> on a white <paramref name="width"/> × <paramref name="height"/> canvas into <c>STEM.png</c> and <c>STEM.svg</c>.</summary>
    /// <returns>The two paths, <paramref name="pathStem"/> plus ".png" and ".svg", as given (relative stays relative).</returns>
    public static ReportFigure Save(string pathStem, int width, int height, Action<SKCanvas> draw)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var figure = new ReportFigure(pathStem + ".png", pathStem + ".svg");

        using (var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul)))
        {
            surface.Canvas.Clear(SKColors.White);
            draw(surface.Canvas);
            surface.Canvas.Flush();
            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            AtomicFile.WriteBinary(figure.PngPath, s => png.SaveTo(s));
        }

        using var svg = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), svg))
        {
            using var background = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
            canvas.DrawRect(SKRect.Create(width, height), background);
            draw(canvas);
        }
        AtomicFile.WriteBinary(figure.SvgPath, s => s.Write(svg.GetBuffer(), 0, (int)svg.Length));
        return figure;
    }

    /// <summary>Saves a ScottPlot <paramref name="plot"/> at <paramref name="width"/> × <paramref name="height"/> as PNG and SVG.</summary>
    public static ReportFigure Save(Plot plot, string pathStem, int width, int height) =>
        Save(pathStem, width, height, canvas => plot.Render(canvas, width, height));
}
