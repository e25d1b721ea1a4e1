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
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        var pixels = new byte[info.Width * info.Height];
        unsafe
        {
            fixed (byte* p = pixels)
            {
                SKCodecResult result = codec.GetPixels(info, (IntPtr)p);
                if (result is SKCodecResult.Success) return new GrayImage(info.Width, info.Height, pixels);
                if (result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput)
                    throw new InvalidDataException($"{name}: truncated or corrupt image data ({result})");
                throw new InvalidDataException($"{name}: cannot decode ({result})");
            }
        }
    }

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
