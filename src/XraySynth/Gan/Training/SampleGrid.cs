using SkiaSharp;
using TorchSharp;
using XraySynth.Common;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>
/// Sample grids: one row per condition (each label alone, and No Finding), the same latents in every grid of a
/// run so progress over training is visible; each row titled with its label. Also used for the real-image grid.
/// </summary>
public static class SampleGrid
{
    /// <summary>Width in pixels of the row-title column left of the images.</summary>
    public const int TitleWidth = 150;

    /// <summary>Height in pixels of the caption strip above the images.</summary>
    public const int CaptionHeight = 24;

    /// <summary>Gap in pixels after each image, right and below.</summary>
    public const int Gap = 2;

    /// <summary>The grid's conditions: [rows, L] multi-hot (No Finding first, then each label) and their titles.</summary>
    public static (float[,] Conditions, string[] Titles) Conditions(IReadOnlyList<string> labels)
    {
        var conditions = new float[labels.Count + 1, labels.Count];
        for (int l = 0; l < labels.Count; l++) conditions[l + 1, l] = 1;
        return (conditions, ["No Finding", .. labels]);
    }

    /// <summary>The fixed latents of a run's grids: [rows · columns, Z], from (seed, "gan/grid").</summary>
    public static Tensor Latents(long seed, int rows, int columns, int latentSize)
    {
        using var generator = new Generator((ulong)SeedDerivation.Derive(seed, "gan/grid"));
        return randn(new long[] { rows * columns, latentSize }, generator: generator);
    }

    /// <summary>Images in [-1, 1], [N, 1, r, r] (any device) → uint8 [N, size, size] on the host (nearest upscaling).</summary>
    public static byte[] ToBytes(Tensor images, int size)
    {
        using var scope = NewDisposeScope();
        var x = images.detach().to(ScalarType.Float32).cpu();
        if (x.shape[2] != size) x = nn.functional.interpolate(x, size: new long[] { size, size }, mode: InterpolationMode.Nearest);
        using var low = (-1.0).ToScalar();
        using var high = 1.0.ToScalar();
        var bytes = KeptScalar.Affine(x.clamp(low, high), 127.5, 127.5).round().to(ScalarType.Byte);
        return bytes.data<byte>().ToArray();
    }

    /// <summary>Writes a grid PNG: <paramref name="pixels"/> holds rows × columns images of size² bytes, row-major.</summary>
    public static void Write(string path, byte[] pixels, int size, int rows, int columns, IReadOnlyList<string> titles, string caption)
    {
        int gap = Gap, width = TitleWidth + columns * (size + gap), height = CaptionHeight + rows * (size + gap);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, Math.Clamp(size / 4f, 11, 16));
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        DrawFitted(canvas, caption, 6, 17, width - 12, font, ink);
        var tile = new byte[size * size];
        for (int r = 0; r < rows; r++)
        {
            float top = CaptionHeight + r * (size + gap);
            DrawFitted(canvas, titles[r], 6, top + size / 2f + 5, TitleWidth - 10, font, ink);
            for (int c = 0; c < columns; c++)
            {
                Array.Copy(pixels, (r * columns + c) * size * size, tile, 0, size * size);
                using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Gray8, SKAlphaType.Opaque));
                System.Runtime.InteropServices.Marshal.Copy(tile, 0, bitmap.GetPixels(), tile.Length);
                canvas.DrawBitmap(bitmap, TitleWidth + c * (size + gap), top);
            }
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteBinary(path, s => data.SaveTo(s));
    }

    /// <summary>Smallest font size a caption or title shrinks to before it is shortened with an ellipsis.</summary>
    public const float MinFontSize = 8;

    /// <summary>
    /// Draws <paramref name="text"/> within <paramref name="maxWidth"/> pixels: at <paramref name="font"/>'s size when it
    /// fits, else smaller (down to <see cref="MinFontSize"/>), else shortened with an ellipsis.
    /// </summary>
    static void DrawFitted(SKCanvas canvas, string text, float x, float y, float maxWidth, SKFont font, SKPaint ink)
    {
        using var fitted = new SKFont(font.Typeface, font.Size);
        while (fitted.Size > MinFontSize && fitted.MeasureText(text) > maxWidth) fitted.Size = Math.Max(MinFontSize, fitted.Size - 0.5f);
        string shown = text;
        while (shown.Length > 0 && fitted.MeasureText(shown == text ? shown : shown + "…") > maxWidth) shown = shown[..^1];
        canvas.DrawText(shown == text ? shown : shown + "…", x, y, fitted, ink);
    }
}
