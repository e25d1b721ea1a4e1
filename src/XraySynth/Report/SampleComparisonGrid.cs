using SkiaSharp;
using XraySynth.Common;
using XraySynth.Data.Images;

namespace XraySynth.Report;

/// <summary>
/// Real versus synthetic examples per label: one row per label with its name at the left, the real images, a gap,
/// then the synthetic images, under the column headers "real" and "synthetic". Images of any size are fitted into
/// square tiles (aspect kept). The SVG embeds the images as <c>data:</c> PNGs beside vector text.
/// </summary>
public static class SampleComparisonGrid
{
    const float FontSize = 18;
    const int TileGap = 4, HeaderHeight = 40, Border = 10;

    /// <summary>Saves the grid of <paramref name="rows"/> with <paramref name="tile"/>-pixel tiles to <c>STEM.png</c> and <c>STEM.svg</c>.</summary>
    /// <exception cref="UserError">An image file is missing or cannot be decoded (the message names it and its row).</exception>
    public static ReportFigure Save(IReadOnlyList<SampleRow> rows, string pathStem, int tile = 96)
    {
        if (rows.Count == 0) throw new ArgumentException("a sample grid needs at least one row", nameof(rows));
        ArgumentOutOfRangeException.ThrowIfLessThan(tile, 16);
        var images = new List<(List<SKImage> Real, List<SKImage> Synthetic)>();
        try
        {
            foreach (var row in rows)
            {
                images.Add(([], []));
                foreach (string path in row.RealImages) images[^1].Real.Add(Load(path, row.Label));
                foreach (string path in row.SyntheticImages) images[^1].Synthetic.Add(Load(path, row.Label));
            }
            using var font = FigureText.Font(FontSize);
            using var ink = FigureText.Ink();
            int realColumns = Math.Max(1, rows.Max(r => r.RealImages.Count));
            int syntheticColumns = Math.Max(1, rows.Max(r => r.SyntheticImages.Count));
            int labelWidth = (int)Math.Ceiling(rows.Max(r => font.MeasureText(r.Label))) + 2 * Border;
            int groupGap = Math.Max(28, tile / 3);
            int realLeft = labelWidth, syntheticLeft = realLeft + realColumns * (tile + TileGap) + groupGap;
            int width = syntheticLeft + syntheticColumns * (tile + TileGap) + Border;
            int height = HeaderHeight + rows.Count * (tile + TileGap) + Border;

            return FigureFile.Save(pathStem, width, height, canvas =>
            {
                float headerY = HeaderHeight - 12;
                FigureText.Draw(canvas, "real", realLeft + realColumns * (tile + TileGap) / 2f, headerY, SKTextAlign.Center, font, ink);
                FigureText.Draw(canvas, "synthetic", syntheticLeft + syntheticColumns * (tile + TileGap) / 2f, headerY, SKTextAlign.Center, font, ink);
                using var rule = new SKPaint { Color = SKColors.Gray, StrokeWidth = 1, IsAntialias = true, Style = SKPaintStyle.Stroke };
                float ruleX = syntheticLeft - groupGap / 2f - TileGap / 2f;
                canvas.DrawLine(ruleX, HeaderHeight - 4, ruleX, height - Border, rule);
                for (int r = 0; r < rows.Count; r++)
                {
                    float top = HeaderHeight + r * (tile + TileGap);
                    FigureText.DrawCentredVertically(canvas, rows[r].Label, labelWidth - Border, top + tile / 2f, SKTextAlign.Right, font, ink);
                    for (int c = 0; c < images[r].Real.Count; c++)
                        FigureText.DrawFitted(canvas, images[r].Real[c], SKRect.Create(realLeft + c * (tile + TileGap), top, tile, tile));
                    for (int c = 0; c < images[r].Synthetic.Count; c++)
                        FigureText.DrawFitted(canvas, images[r].Synthetic[c], SKRect.Create(syntheticLeft + c * (tile + TileGap), top, tile, tile));
                }
            });
        }
        finally
        {
            foreach (var (real, synthetic) in images)
                foreach (var image in real.Concat(synthetic)) image.Dispose();
        }
    }

    /// <summary>Decodes an image to grayscale as a Skia image.</summary>
    static SKImage Load(string path, string label)
    {
        GrayImage gray;
        try { gray = ImageCodec.Decode(path); }
        catch (InvalidDataException e) { throw new UserError($"sample grid, row '{label}': {e.Message}", e); }
        catch (IOException e) { throw new UserError($"sample grid, row '{label}': {path}: cannot read ({e.Message})", e); }
        return SKImage.FromPixelCopy(new SKImageInfo(gray.Width, gray.Height, SKColorType.Gray8, SKAlphaType.Opaque), gray.Pixels)
               ?? throw new InvalidOperationException($"{path}: Skia could not wrap the decoded pixels");
    }
}
