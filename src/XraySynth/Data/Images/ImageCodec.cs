using SkiaSharp;

namespace XraySynth.Data.Images;

/// <summary>Decodes PNG/JPEG (8- or 16-bit, gray or color) to 8-bit grayscale and encodes PNG, with SkiaSharp.</summary>
public static class ImageCodec
{
    /// <summary>Decodes <paramref name="path"/> to grayscale.</summary>
    /// <exception cref="InvalidDataException">Missing, empty, truncated or undecodable file (message says which).</exception>
    public static GrayImage Decode(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: file not found");
        byte[] bytes = File.ReadAllBytes(path);
        return Decode(bytes, path);
    }

    /// <summary>Decodes encoded bytes; <paramref name="name"/> is used in messages.</summary>
    public static GrayImage Decode(byte[] bytes, string name)
    {
        if (bytes.Length == 0) throw new InvalidDataException($"{name}: empty file");
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException($"{name}: not a decodable image (PNG or JPEG expected)");
        int width = codec.Info.Width, height = codec.Info.Height;
        bool gray = codec.Info.ColorType == SKColorType.Gray8;
        if (gray || codec.Info.AlphaType == SKAlphaType.Opaque)
        {
            // Gray sources, and opaque color sources (Skia converts those to Gray8 itself).
            var pixels = new byte[width * height];
            SKCodecResult result = Decode(codec, new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque), pixels, width);
            if (result is SKCodecResult.Success) return new GrayImage(width, height, pixels);
            if (result is not SKCodecResult.InvalidConversion) throw Failure(name, result);
        }
        // Color with alpha (e.g. RGBA PNG): decode to RGBA, composite over black, take Rec. 601 luma.
        var rgba = new byte[width * height * 4];
        SKCodecResult rgbaResult = Decode(codec, new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), rgba, width * 4);
        if (rgbaResult is not SKCodecResult.Success) throw Failure(name, rgbaResult);
        var luma = new byte[width * height];
        for (int i = 0; i < luma.Length; i++)
        {
            int r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2], a = rgba[4 * i + 3];
            luma[i] = (byte)((299 * r + 587 * g + 114 * b) * a / (1000 * 255));
        }
        return new GrayImage(width, height, luma);
    }

    static unsafe SKCodecResult Decode(SKCodec codec, SKImageInfo info, byte[] destination, int rowBytes)
    {
        fixed (byte* p = destination)
            return codec.GetPixels(info, (IntPtr)p, rowBytes, new SKCodecOptions());
    }

    static InvalidDataException Failure(string name, SKCodecResult result) => result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput
        ? new InvalidDataException($"{name}: truncated or corrupt image data ({result})")
        : new InvalidDataException($"{name}: cannot decode ({result})");

    /// <summary>Width and height from the file header, without decoding pixels.</summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        using var stream = File.OpenRead(path);
        using var codec = SKCodec.Create(stream) ?? throw new InvalidDataException($"{path}: not a decodable image (PNG or JPEG expected)");
        return (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>Encodes <paramref name="image"/> as an 8-bit grayscale PNG.</summary>
    public static byte[] EncodePng(GrayImage image)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        unsafe
        {
            fixed (byte* p = image.Pixels)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)p, image.Width);
                using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)
                                 ?? throw new InvalidOperationException("PNG encoding failed");
                return data.ToArray();
            }
        }
    }

    /// <summary>Writes <paramref name="image"/> as PNG to <paramref name="path"/> atomically.</summary>
    public static void WritePng(GrayImage image, string path)
    {
        byte[] png = EncodePng(image);
        Common.AtomicFile.WriteBinary(path, s => s.Write(png));
    }
}
